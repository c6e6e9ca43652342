package org.urad.envmon.ingest.importer;

import java.util.List;
import java.util.Locale;

/**
 * Where each column is in an import file, from its header row: {@code device_id,parameter,time,value} are
 * required, {@code unit,flag,period,stat} optional, in any order; other columns are ignored.
 */
record Columns(int device, int parameter, int time, int value, int unit, int flag, int period, int stat) {

    static final List<String> REQUIRED = List.of("device_id", "parameter", "time", "value");

    static Columns of(List<String> header) {
        List<String> names = header.stream()
                .map(h -> h == null ? "" : h.strip().toLowerCase(Locale.ROOT))
                .toList();
        for (String required : REQUIRED) {
            if (!names.contains(required)) {
                throw new IllegalArgumentException("the header row has no column '" + required
                        + "' (expected device_id,parameter,time,value[,unit,flag,period,stat]; found "
                        + String.join(",", names) + ")");
            }
        }
        return new Columns(
                names.indexOf("device_id"),
                names.indexOf("parameter"),
                names.indexOf("time"),
                names.indexOf("value"),
                names.indexOf("unit"),
                names.indexOf("flag"),
                names.indexOf("period"),
                names.indexOf("stat"));
    }

    ImportRow row(long number, List<String> cells) {
        return new ImportRow(
                number,
                cell(cells, device),
                cell(cells, parameter),
                cell(cells, time),
                cell(cells, value),
                cell(cells, unit),
                cell(cells, flag),
                cell(cells, period),
                cell(cells, stat));
    }

    private static String cell(List<String> cells, int i) {
        if (i < 0 || i >= cells.size() || cells.get(i) == null) {
            return null;
        }
        String s = cells.get(i).strip();
        return s.isEmpty() ? null : s;
    }
}
