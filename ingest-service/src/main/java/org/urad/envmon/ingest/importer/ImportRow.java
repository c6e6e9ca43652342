package org.urad.envmon.ingest.importer;

/**
 * One data row of an import file as written, before any check. {@code row} is the row number a person
 * sees in the file (the header is row 1). Optional columns absent from the file are {@code null}.
 */
record ImportRow(
        long row,
        String deviceId,
        String parameter,
        String time,
        String value,
        String unit,
        String flag,
        String period,
        String stat) {}
