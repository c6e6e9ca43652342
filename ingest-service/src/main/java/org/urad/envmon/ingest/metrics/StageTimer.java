package org.urad.envmon.ingest.metrics;

/** Where a stage of the ingestion path reports its duration (nanoseconds); {@link #NONE} where nobody watches. */
@FunctionalInterface
public interface StageTimer {

    StageTimer NONE = (stage, nanos) -> {};

    void record(Stage stage, long nanos);
}
