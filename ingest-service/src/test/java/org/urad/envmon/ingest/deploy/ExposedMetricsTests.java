package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExposedMetricsTests {

    @Test
    void namesFollowPrometheusConventions() {
        System.out.println(ExposedMetrics.scrape());
        assertThat(ExposedMetrics.sampleNames()).contains("ingest_readings_stored_readings_total");
    }
}
