package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorMainTests {

    @Test
    void readsDatesAsLocalMidnightAndDurationsWithUnits() {
        assertThat(SimulatorMain.instant("2024-01-01")).isEqualTo(Instant.parse("2023-12-31T16:00:00Z"));
        assertThat(SimulatorMain.instant("2024-01-01T00:00:00Z")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(SimulatorMain.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SimulatorMain.duration("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(SimulatorMain.duration("PT2H")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void rejectsAnOptionWithoutAValue() {
        assertThat(SimulatorMain.options(new String[] {"--mode", "load", "--rate", "50"}))
                .containsEntry("mode", "load")
                .containsEntry("rate", "50");
        assertThatThrownBy(() -> SimulatorMain.options(new String[] {"--mode"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
