package org.urad.envmon.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PanelsTests {

    @Test
    void defaultsToThirtyDaysAndThreeRuns() {
        Panels.Options o = Panels.Options.parse(new String[] {"--panels --panels-jdbc=jdbc:postgresql://h/db"});

        assertThat(o.jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(o.user()).isEqualTo("postgres");
        assertThat(o.days()).isEqualTo(30);
        assertThat(o.from()).isNull();
        assertThat(o.runs()).isEqualTo(3);
    }

    @Test
    void acceptsAnExplicitRangeOnlyWithBothEnds() {
        Panels.Options o = Panels.Options.parse(
                new String[] {"--panels --panels-jdbc=u --panels-from=2025-01-01 --panels-to=2026-01-01 --panels-runs=5"
                });

        assertThat(o.from()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(o.to()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(o.runs()).isEqualTo(5);
        assertThatThrownBy(
                        () -> Panels.Options.parse(new String[] {"--panels --panels-jdbc=u --panels-from=2025-01-01"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Panels.Options.parse(new String[] {"--panels --panels-days=7"}))
                .hasMessageContaining("--panels-jdbc");
    }

    @Test
    void theIntervalIsGrafanasRoundedOneForAThousandPointsAndAtLeastAMinute() {
        Instant to = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(Panels.range(to.minus(Duration.ofHours(6)), to).interval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(Panels.range(to.minus(Duration.ofDays(30)), to).interval()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Panels.range(to.minus(Duration.ofDays(365)), to).interval()).isEqualTo(Duration.ofHours(6));
    }
}
