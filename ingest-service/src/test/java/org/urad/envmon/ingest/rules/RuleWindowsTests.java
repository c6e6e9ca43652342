package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;

/** Verifies how the scheduled rules cut local-time windows, count coverage and find stale windows. */
class RuleWindowsTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }

    @ParameterizedTest(name = "{0} at {1} → window {2} – {3}")
    @CsvSource({
        "CEMS_HOUR,  2025-11-02T23:30, 2025-11-02T23:00, 2025-11-03T00:00",
        "WQ_DAY,     2025-11-02T23:30, 2025-11-02T00:00, 2025-11-03T00:00", // late evening is that local day
        "WQ_DAY,     2025-11-03T00:00, 2025-11-03T00:00, 2025-11-04T00:00",
        "WQ_DAY,     2025-11-02T07:59, 2025-11-02T00:00, 2025-11-03T00:00", // 23:59 UTC the day before
        "WQ_MONTH,   2025-02-28T23:59, 2025-02-01T00:00, 2025-03-01T00:00",
        "QUOTA_YEAR, 2025-01-01T00:10, 2025-01-01T00:00, 2026-01-01T00:00"
    })
    void windowsFollowLocalTime(WindowGroup group, String at, String start, String end) {
        Instant s = group.start(local(at), SHANGHAI);
        assertThat(s).isEqualTo(local(start));
        assertThat(group.end(s, SHANGHAI)).isEqualTo(local(end));
    }

    @ParameterizedTest(name = "{0} minutes into the hour → {1} valid minutes needed")
    @CsvSource({"0, 1", "1, 1", "20, 15", "40, 30", "59, 45", "75, 45"})
    void openHourNeedsTheSameShareOfItsElapsedMinutes(long elapsed, int needed) {
        Instant hour = local("2025-11-03T10:00");
        assertThat(Coverage.provisionalMinutes(45, hour, hour.plus(Duration.ofMinutes(elapsed))))
                .isEqualTo(needed);
    }

    @ParameterizedTest(name = "{0} – {1} every {2} s → {3} expected")
    @CsvSource({
        "2025-11-01T00:00, 2025-11-02T00:00, 3600, 24",
        "2025-11-01T00:00, 2025-11-02T00:00, 60,   1440",
        "2025-11-01T10:00, 2025-11-02T00:00, 3600, 14", // first data at 10:00: slots 10:00 … 23:00
        "2025-11-01T10:00:30, 2025-11-02T00:00, 3600, 14",
        "2025-11-01T00:00, 2025-12-01T00:00, 3600, 720",
        "2025-11-02T00:00, 2025-11-02T00:00, 3600, 0"
    })
    void expectedRecordsAreTheReportingSlots(String from, String to, long intervalSeconds, long expected) {
        assertThat(Coverage.expected(local(from), local(to), Duration.ofSeconds(intervalSeconds)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{1} of {0} valid → {2} % (finding {3})")
    @CsvSource({"1000, 979, 97.9, true", "1000, 980, 98.0, false", "1440, 1409, 97.85, true", "1440, 1412, 98.06, false"
    })
    void transmissionTargetIsNinetyEightPerCent(long expected, long valid, double rate, boolean finding) {
        Verdict v = MonitorRules.transmission(
                        Subject.of(Subject.Kind.DEVICE, "D1", "设备1"),
                        "day",
                        Instant.EPOCH,
                        Instant.EPOCH,
                        expected,
                        expected,
                        valid,
                        RuleParams.defaults(Rule.WQ_TRANSMISSION_RATE))
                .orElseThrow();
        assertThat(v.observed()).isCloseTo(rate, org.assertj.core.data.Offset.offset(0.005));
        assertThat(v.isFinding()).isEqualTo(finding);
    }

    @ParameterizedTest(name = "{0} reading at {1}, now {2} → {3}")
    @CsvSource(
            nullValues = "null",
            value = {
                "CEMS,          a21026,       2025-11-03T10:05, 2025-11-03T10:20, null",
                "CEMS,          a21026,       2025-11-03T08:59, 2025-11-03T10:20, cems_hour@2025-11-03T08:00",
                "WATER_QUALITY, w01018,       2025-11-03T08:00, 2025-11-03T10:20, null",
                "WATER_QUALITY, w01018,       2025-11-02T23:30, 2025-11-03T10:20, wq_day@2025-11-02T00:00",
                "WATER_QUALITY, w01018,       2025-10-31T23:30, 2025-11-03T10:20,"
                        + " wq_day@2025-10-31T00:00 wq_month@2025-10-01T00:00",
                "WELL,          volume_total, 2025-11-03T08:00, 2025-11-03T10:20, quota_year@2025-01-01T00:00",
                "WELL,          gw_depth,     2025-11-03T08:00, 2025-11-03T10:20, null"
            })
    void lateDataMarkTheirClosedWindowsAndMeterTotalsTheYear(
            Family family, String parameter, String at, String now, String expected) {
        var reading = new Reading(
                family, "D1", parameter, local(at), Period.REALTIME, Statistic.VALUE, 1, DataFlag.N, true, null);
        var outcome = new Outcome(
                new RawMessage("t", new byte[0], local(now), null, stored -> {}),
                "json",
                "D1",
                List.of(reading),
                List.of(),
                List.of());
        List<String> windows = LateData.windows(List.of(outcome), local(now), SHANGHAI).stream()
                .map(w -> w.group().group() + "@" + w.start().atZone(SHANGHAI).toLocalDateTime())
                .toList();
        assertThat(String.join(" ", windows)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "age {0} h of {1} h allowed → finding {2}, clear {3}")
    @CsvSource({"169, 168, true, false", "168, 168, false, false", "100, 168, false, false", "84, 168, false, true"})
    void overdueAlertClearsOnlyWellWithinTheInterval(long ageHours, long allowedHours, boolean finding, boolean clear) {
        Instant now = local("2025-11-03T10:00");
        RuleParams p = RuleParams.defaults(Rule.WQ_CALIBRATION_OVERDUE);
        Verdict v = StatusChecks.hysteresis(
                StatusRules.overdue(
                        Rule.WQ_CALIBRATION_OVERDUE,
                        Subject.of(Subject.Kind.DEVICE, "D1", "设备1"),
                        now.minus(Duration.ofHours(ageHours)),
                        now,
                        Duration.ofHours(allowedHours)),
                p);
        assertThat(v.isFinding()).isEqualTo(finding);
        assertThat(v.clear()).isEqualTo(clear);
    }

    @ParameterizedTest(name = "provisional {0} → evidence {1}")
    @CsvSource({"true, true", "false, false"})
    void provisionalVerdictsSaySoInTheirEvidence(boolean provisional, boolean expected) {
        Verdict v = Verdict.good(
                Rule.WQ_DISCHARGE_LIMIT,
                Subject.of(Subject.Kind.DEVICE, "D1", "设备1"),
                true,
                Instant.EPOCH,
                Instant.EPOCH,
                1.0,
                2.0,
                "mg/L",
                Map.of("limit", 2.0));
        Verdict marked = MonitorWindows.marked(v, provisional, Instant.EPOCH, Map.of());
        assertThat(marked.evidence()).containsEntry("provisional", expected).containsEntry("limit", 2.0);
        assertThat(marked.evidence().containsKey("as_of")).isEqualTo(provisional);
    }
}
