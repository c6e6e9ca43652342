package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies which spans of a logger's history are asked for, given what is stored. */
class GapFinderTests {

    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static Instant h(int hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @Test
    void asksForTheOpenSpanBetweenTwoStoredRecordsOnly() {
        List<HistoryGap> gaps =
                GapFinder.gaps(HistoryKind.MINUTE, List.of(h(0), h(1), h(4), h(5)), HOUR, h(7), Duration.ofHours(12));

        assertThat(gaps).containsExactly(new HistoryGap(HistoryKind.MINUTE, h(1).plusSeconds(1), h(4).minusSeconds(1)));
    }

    @Test
    void toleratesHalfAnIntervalOfLatenessAndLeavesTheLastTwoIntervalsAlone() {
        List<Instant> stored = List.of(h(0), h(1).plus(Duration.ofMinutes(25)), h(2));

        assertThat(GapFinder.gaps(HistoryKind.MINUTE, stored, HOUR, h(5), Duration.ofHours(12)))
                .isEmpty();
        assertThat(GapFinder.gaps(HistoryKind.MINUTE, stored, HOUR, h(6), Duration.ofHours(12)))
                .containsExactly(new HistoryGap(HistoryKind.MINUTE, h(2).plusSeconds(1), h(4)));
    }

    @Test
    void cutsALongGapIntoRequestsNoLongerThanTheLongestSpan() {
        List<HistoryGap> gaps =
                GapFinder.gaps(HistoryKind.MINUTE, List.of(h(0), h(10)), HOUR, h(11), Duration.ofHours(4));

        assertThat(gaps)
                .extracting(HistoryGap::begin)
                .containsExactly(h(0).plusSeconds(1), h(4).plusSeconds(1), h(8).plusSeconds(1));
        assertThat(gaps).extracting(HistoryGap::end).containsExactly(h(4), h(8), h(10).minusSeconds(1));
        assertThat(gaps)
                .allSatisfy(
                        g -> assertThat(Duration.between(g.begin(), g.end())).isLessThan(Duration.ofHours(4)));
    }

    @Test
    void asksForNothingWithoutAStoredRecordToStartFrom() {
        assertThat(GapFinder.gaps(HistoryKind.DAY, List.of(), Duration.ofDays(1), h(100), Duration.ofHours(12)))
                .isEmpty();
    }

    @Test
    void aDailyRequestSpansAtLeastADay() {
        Duration day = Duration.ofDays(1);
        List<HistoryGap> gaps = GapFinder.gaps(HistoryKind.DAY, List.of(h(0), h(72)), day, h(96), Duration.ofHours(12));

        assertThat(gaps)
                .containsExactly(
                        new HistoryGap(HistoryKind.DAY, h(0).plusSeconds(1), h(24)),
                        new HistoryGap(HistoryKind.DAY, h(24).plusSeconds(1), h(48)),
                        new HistoryGap(HistoryKind.DAY, h(48).plusSeconds(1), h(72).minusSeconds(1)));
    }
}
