package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Verifies that a manual indicator's target is met from the side its direction says. */
class ManualEntryTests {

    private static ManualEntry entry(double value, Double target, String direction) {
        return new ManualEntry(
                "loss_rate", "漏损率", null, null, value, "%", target, "水利局", LocalDate.of(2025, 6, 30), "op", direction);
    }

    @Test
    void atLeastIsTheDefaultAndAtMostIsMetFromBelow() {
        assertThat(entry(12, 10.0, null).direction()).isEqualTo("ge");
        assertThat(entry(12, 10.0, null).met()).isTrue();
        assertThat(entry(12, 10.0, "le").met()).isFalse();
        assertThat(entry(8, 10.0, "le").met()).isTrue();
        assertThat(entry(8, null, "le").met()).isNull();
    }

    @Test
    void theExtractWritesTheDirectionsSign() {
        assertThat(ManualIndicators.indicator(entry(8, 10.0, "le")).target()).isEqualTo("≤ 10");
        assertThat(ManualIndicators.indicator(entry(8, 10.0, "ge")).met()).isFalse();
    }

    @Test
    void strictDirectionsMissTheTargetItself() {
        // "超载率 < 10 %": 10 % is not below 10 %
        assertThat(entry(10, 10.0, "lt").met()).isFalse();
        assertThat(entry(9.9, 10.0, "lt").met()).isTrue();
        assertThat(entry(10, 10.0, "le").met()).isTrue();
        assertThat(entry(10, 10.0, "gt").met()).isFalse();
        assertThat(ManualIndicators.indicator(entry(8, 10.0, "lt")).target()).isEqualTo("< 10");
    }

    @Test
    void anUnknownDirectionIsRefused() {
        assertThat(entry(8, 10.0, "ne").problem()).contains("direction");
        assertThat(entry(8, 10.0, "lt").problem()).isNull();
        assertThat(entry(8, 10.0, "le").problem()).isNull();
    }
}
