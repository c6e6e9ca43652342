package org.urad.envmon.ingest.store;

/** What one committed batch did. */
public record WriteResult(long stored, long duplicates, long revised, long calibrations, long quarantined) {}
