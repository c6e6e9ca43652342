package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import org.junit.jupiter.api.Test;

class ReportPeriodTests {

    @Test
    void parsesQuarterAsThreeLocalMonths() {
        ReportPeriod q = ReportPeriod.parse("2025-q3");
        assertThat(q.label()).isEqualTo("2025-Q3");
        assertThat(q.start()).isEqualTo(LocalDate.of(2025, 7, 1));
        assertThat(q.end()).isEqualTo(LocalDate.of(2025, 10, 1));
        assertThat(q.labelZh()).isEqualTo("2025年第三季度");
    }

    @Test
    void quarterEdgesAreLocalMidnightNotUtc() {
        ReportPeriod q = ReportPeriod.parse("2025-Q3");
        assertThat(q.startInstant()).isEqualTo(Instant.parse("2025-06-30T16:00:00Z"));
        assertThat(q.endInstant()).isEqualTo(Instant.parse("2025-09-30T16:00:00Z"));
        Instant lastEvening = Instant.parse("2025-09-30T15:30:00Z"); // 23:30 local on 30 September
        assertThat(lastEvening.isBefore(q.endInstant())).isTrue();
    }

    @Test
    void parsesMonthYearAndInclusiveRange() {
        assertThat(ReportPeriod.parse("2025-07").end()).isEqualTo(LocalDate.of(2025, 8, 1));
        assertThat(ReportPeriod.parse("2025-07").labelZh()).isEqualTo("2025年7月");
        assertThat(ReportPeriod.parse("2025").quarters()).hasSize(4);
        ReportPeriod range = ReportPeriod.parse("2025-07-01..2025-07-02");
        assertThat(range.end()).isEqualTo(LocalDate.of(2025, 7, 3));
        assertThat(range.labelZh()).isEqualTo("2025年7月1日至2025年7月2日");
        assertThat(range.quarters()).containsExactly(LocalDate.of(2025, 7, 1));
    }

    @Test
    void yearToDateStartsInTheYearThePeriodEnds() {
        assertThat(ReportPeriod.parse("2024-11-15..2025-02-10").yearStart()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(ReportPeriod.parse("2025-Q4").yearStart()).isEqualTo(LocalDate.of(2025, 1, 1));
    }

    @Test
    void observedEndStopsAtNowWhileThePeriodRuns() {
        ReportPeriod q = ReportPeriod.parse("2025-Q4");
        Instant now = Instant.parse("2025-11-05T00:00:00Z");
        assertThat(q.observedEnd(now)).isEqualTo(now);
        assertThat(q.observedEnd(Instant.parse("2026-03-01T00:00:00Z"))).isEqualTo(q.endInstant());
    }

    @Test
    void rejectsWhatIsNotAPeriod() {
        assertThatThrownBy(() -> ReportPeriod.parse("2025-Q5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportPeriod.parse("2025-13")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportPeriod.parse("2025-07-10..2025-07-01"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReportPeriod.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPeriodIsLongerThanALimitOnlyPastTheLimitsLastDay() {
        assertThat(ReportPeriod.parse("2016-01-01..2025-12-31").longerThan(Period.ofYears(10)))
                .isFalse();
        assertThat(ReportPeriod.parse("2016-01-01..2026-01-01").longerThan(Period.ofYears(10)))
                .isTrue();
        assertThat(ReportPeriod.parse("0001-01-01..9999-12-31").longerThan(Period.ofYears(10)))
                .isTrue();
        assertThat(ReportPeriod.parse("2025").longerThan(Period.ofYears(1))).isFalse();
    }
}
