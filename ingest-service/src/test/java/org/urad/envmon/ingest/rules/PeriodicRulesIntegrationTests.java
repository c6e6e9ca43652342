package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.MigratedDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies, against the real database, the scheduled monitor, quota and status rules on histories
 * inserted directly: the window boundaries, the bookkeeping, and that two instances share the work.
 */
class PeriodicRulesIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private RuleCatalogue catalogue;
    private final MutableClock clock = new MutableClock(local("2025-11-03T09:30"));

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("periodic");
        jdbc = new JdbcTemplate(database.dataSource());
        catalogue = new RuleCatalogue(null);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        }
        seedRegistry();
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void hourlyEmissionIsJudgedFromFortyFiveValidMinutesOrTheHourlyValue() {
        Instant hour = local("2025-11-03T07:00");
        minutes("cems_reading", "CEMS-45", "a21026", hour, 60, 45, 40); // 45 valid minutes at 40 mg/m3
        minutes("cems_reading", "CEMS-44", "a21026", hour, 60, 44, 40); // 44: no valid hourly mean
        jdbc.update(
                "INSERT INTO cems_reading (device_id, parameter, period, stat, ts, value) VALUES"
                        + " ('CEMS-HJ', 'a21026', 'hour', 'avg', ?, 50)",
                ts(hour));

        periodic(clock).runWindows();

        Map<String, Object> breach = alert("CEMS_EMISSION_LIMIT", "CEMS-45");
        assertThat(breach.get("parameter")).isEqualTo("a21026");
        assertThat((Double) breach.get("margin")).isEqualTo(10.0);
        assertThat(local(breach.get("period_start"))).isEqualTo("2025-11-03T07:00");
        assertThat(evidence(breach)).containsEntry("valid_minutes", 45.0).containsEntry("provisional", false);
        assertThat(alerts("CEMS_EMISSION_LIMIT", "CEMS-44")).isEmpty();
        assertThat(evidence(alert("CEMS_EMISSION_LIMIT", "CEMS-HJ"))).containsEntry("source", "hj212_hour");
    }

    @Test
    void ammoniaLimitSwitchesOnTheDaysWaterTemperatureAndLateEveningBelongsToThatDay() {
        Instant lateEvening = local("2025-11-02T23:30");
        for (String device : List.of("WQ-COLD", "WQ-WARM")) {
            value("water_quality_reading", device, "w21003", lateEvening, 6.0, "N");
        }
        value("water_quality_reading", "WQ-COLD", "w01010", lateEvening, 11.0, "N");
        value("water_quality_reading", "WQ-WARM", "w01010", lateEvening, 15.0, "N");

        periodic(clock).runWindows();

        assertThat(alerts("WQ_DISCHARGE_LIMIT", "WQ-COLD")).isEmpty(); // 6 ≤ 8 mg/L at 11 °C
        Map<String, Object> warm = alert("WQ_DISCHARGE_LIMIT", "WQ-WARM");
        assertThat(warm.get("target")).isEqualTo(5.0);
        assertThat(local(warm.get("period_start"))).isEqualTo("2025-11-02T00:00");
        assertThat(local(warm.get("period_end"))).isEqualTo("2025-11-03T00:00");
    }

    @Test
    void transmissionRateBelowNinetyEightPerCentIsABreach() {
        clock.set(local("2025-11-02T08:00"));
        Instant day = local("2025-11-01T00:00");
        minutes("water_quality_reading", "WQ-MIN-A", "w01018", day, 1440, 1409, 20); // 97.85 %
        minutes("water_quality_reading", "WQ-MIN-B", "w01018", day, 1440, 1412, 20); // 98.06 %

        periodic(clock).runWindows();

        Map<String, Object> low = alert("WQ_TRANSMISSION_RATE", "WQ-MIN-A");
        assertThat(low.get("parameter")).isEqualTo("day");
        assertThat((Double) low.get("observed")).isCloseTo(97.85, org.assertj.core.data.Offset.offset(0.01));
        assertThat(alerts("WQ_TRANSMISSION_RATE", "WQ-MIN-B")).isEmpty();
    }

    @Test
    void openDayIsJudgedProvisionallyAndAgainOnceClosed() {
        value("water_quality_reading", "WQ-WARM", "w01018", local("2025-11-03T09:00"), 80.0, "N");
        PeriodicRules rules = periodic(clock);

        assertThat(rules.runStatus()).isTrue();

        Map<String, Object> open = alert("WQ_DISCHARGE_LIMIT", "WQ-WARM");
        assertThat(open.get("observed")).isEqualTo(80.0);
        assertThat(evidence(open)).containsEntry("provisional", true).containsKey("as_of");
        clock.set(local("2025-11-04T00:10"));
        rules.runWindows();
        Map<String, Object> closed = alert("WQ_DISCHARGE_LIMIT", "WQ-WARM");
        assertThat(closed.get("id")).isEqualTo(open.get("id"));
        assertThat(evidence(closed)).containsEntry("provisional", false);
    }

    @Test
    void deviceIsSilentAfterThreeIntervalsAndResolvedWhenDataReturn() {
        Instant start = clock.instant();
        PeriodicRules rules = periodic(clock);
        seen("GATE-1", start.minus(Duration.ofMinutes(14)));
        rules.runStatus();
        assertThat(alerts("DEVICE_SILENT", "GATE-1")).isEmpty(); // 14 min < 3 × 5 min

        clock.set(start.plus(Duration.ofMinutes(2)));
        rules.runStatus();
        Map<String, Object> silent = alert("DEVICE_SILENT", "GATE-1");
        assertThat(silent.get("state")).isEqualTo("open");
        assertThat((Double) silent.get("margin")).isCloseTo(1.0 / 60, org.assertj.core.data.Offset.offset(1e-6));

        seen("GATE-1", start.plus(Duration.ofMinutes(3)));
        clock.set(start.plus(Duration.ofMinutes(4)));
        rules.runStatus();
        assertThat(alert("DEVICE_SILENT", "GATE-1").get("state")).isEqualTo("resolved");
    }

    /**
     * The status pass judges "now" at the clock's precision (nanoseconds on Linux), the database keeps
     * microseconds. A pass whose sub-microsecond part rounds up used to find its own period already judged
     * (the stored, rounded-up end lay after the verdict's) and file the finding as history: a device reporting
     * every 5 s was opened a pass or two late, at random, and a good pass did not count either.
     */
    @Test
    void deviceSilentOpensAtTheFirstPassAfterItHoldsWhateverTheClocksNanoseconds() {
        device("GATE-5S", "gate", "5 seconds");
        Instant last = clock.instant();
        seen("GATE-5S", last);
        PeriodicRules rules = periodic(clock);
        Duration roundsUp = Duration.ofNanos(259_636); // 0.000259636 s is stored as 0.000260 s

        clock.set(last.plusMillis(59_600).plus(roundsUp)); // under one whole minute: not yet silent
        assertThat(rules.runStatus()).isTrue();
        assertThat(alerts("DEVICE_SILENT", "GATE-5S")).isEmpty();

        // The condition holds from one whole minute after the last contact; the next pass must open the alert.
        Instant pass = last.plusMillis(119_600).plus(roundsUp);
        clock.set(pass);
        assertThat(rules.runStatus()).isTrue();
        Map<String, Object> silent = alert("DEVICE_SILENT", "GATE-5S");
        assertThat(silent.get("state")).isEqualTo("open");
        assertThat(((Timestamp) silent.get("opened_at")).toInstant())
                .isBetween(last.plus(Duration.ofMinutes(1)), last.plus(Duration.ofMinutes(2)));
        assertThat(evidence(silent)).doesNotContainKey("history");

        // Data again: the next pass (its nanoseconds rounding up too) resolves it (resolve_after 1).
        seen("GATE-5S", pass.plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        clock.set(pass.plusSeconds(60));
        assertThat(rules.runStatus()).isTrue();
        assertThat(alert("DEVICE_SILENT", "GATE-5S").get("state")).isEqualTo("resolved");
    }

    @Test
    void calibrationIsOverduePerAnalyserAndComparisonPerMonitor() {
        Instant now = clock.instant();
        jdbc.update("INSERT INTO monitor_parameter (device_id, parameter, unit, range_max) VALUES"
                + " ('CEMS-45', 'a21002', 'mg/m3', 500), ('CEMS-45', 'a01012', 'degC', 300)");
        value("cems_reading", "CEMS-45", "a21026", now.minus(Duration.ofDays(20)), 10.0, "N");
        calibration("CEMS-45", "a21026", "span", now.minus(Duration.ofDays(1)));
        calibration("CEMS-45", "a21026", "comparison", now.minus(Duration.ofDays(30)));
        calibration("CEMS-45", "a21002", "zero", now.minus(Duration.ofDays(9)));

        periodic(clock).runStatus();

        // SO2 calibrated yesterday is fine; NOx last calibrated 9 days ago is 2 days overdue; the flue-gas
        // temperature is not a calibrated analyser; one comparison 30 days ago covers the monitor.
        List<Map<String, Object>> overdue =
                jdbc.queryForList("SELECT parameter, margin FROM alert WHERE rule_id = 'CEMS_CALIBRATION_OVERDUE'"
                        + " AND subject_id = 'CEMS-45' AND state = 'open'");
        assertThat(overdue).singleElement().satisfies(a -> {
            assertThat(a.get("parameter")).isEqualTo("a21002");
            assertThat((Double) a.get("margin")).isCloseTo(48.0, org.assertj.core.data.Offset.offset(0.01));
        });
        assertThat(alerts("CEMS_COMPARISON_OVERDUE", "CEMS-45")).isEmpty();

        calibration("CEMS-45", "a21002", "span", now.minus(Duration.ofHours(2)));
        clock.set(now.plus(Duration.ofMinutes(2)));
        periodic(clock).runStatus();
        assertThat(jdbc.queryForObject(
                        "SELECT state FROM alert WHERE rule_id = 'CEMS_CALIBRATION_OVERDUE' AND subject_id = 'CEMS-45'"
                                + " AND parameter = 'a21002'",
                        String.class))
                .isEqualTo("resolved");
    }

    @Test
    void villageAndZoneTotalsAreHeldToTheirAllocations() {
        meter("W1", "2024-12-31T20:00", 100);
        meter("W1", "2025-03-01T08:00", 150);
        meter("W1", "2025-06-01T08:00", 600); // W1: 500 this year
        meter("W2", "2025-03-01T08:00", 0);
        meter("W2", "2025-05-01T08:00", 450);
        meter("W2", "2025-05-02T08:00", 10); // meter replaced
        meter("W2", "2025-06-01T08:00", 60); // W2: 500 this year
        meter("W3", "2025-03-01T08:00", 200);
        meter("W3", "2025-06-01T08:00", 700); // W3: 500 this year

        PeriodicRules rules = periodic(clock);
        rules.runWindows();

        Map<String, Object> village = alert("WELL_QUOTA", "V1");
        assertThat(village.get("subject_kind")).isEqualTo("village");
        assertThat(village.get("severity")).isEqualTo("breach");
        assertThat(village.get("observed")).isEqualTo(1000.0);
        assertThat(alerts("WELL_QUOTA", "V2")).isEmpty(); // 500 of 10 000
        Map<String, Object> zone = alert("WELL_QUOTA", "Z1");
        assertThat(zone.get("subject_kind")).isEqualTo("zone");
        assertThat(zone.get("observed")).isEqualTo(1500.0);
        assertThat(zone.get("severity")).isEqualTo("warning"); // 1500 of 1600: over 90 %
        assertThat(rules.due(WindowGroup.QUOTA_YEAR)).isEmpty();
    }

    @Test
    void twoInstancesEvaluateEachWindowOnce() throws Exception {
        minutes("cems_reading", "CEMS-45", "a21026", local("2025-11-03T07:00"), 60, 60, 40);
        PeriodicRules a = periodic(clock);
        PeriodicRules b = periodic(clock);
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> both = List.of(a::runWindows, b::runWindows);
            int evaluated = 0;
            for (var f : pool.invokeAll(both)) {
                evaluated += f.get();
            }
            long windows = jdbc.queryForObject(
                    "SELECT count(*) FROM rule_window_run WHERE evaluated_at IS NOT NULL AND rule_group <> 'status'",
                    Long.class);
            assertThat(evaluated).isEqualTo(windows).isGreaterThan(72); // 3 days of hours, plus days and months
            assertThat(a.runWindows() + b.runWindows()).isZero();
            assertThat(alerts("CEMS_EMISSION_LIMIT", "CEMS-45")).hasSize(1);
            List<Callable<Boolean>> status = List.of(a::runStatus, b::runStatus);
            long ran = 0;
            for (var f : pool.invokeAll(status)) {
                ran += f.get() ? 1 : 0;
            }
            assertThat(ran).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    private PeriodicRules periodic(Clock clock) {
        RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
        RuleRunner runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, clock, SHANGHAI),
                null);
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        var windows = new WindowScheduler(
                jdbc,
                runner,
                new GroundwaterQuarters(
                        new GroundwaterData(jdbc, SHANGHAI), RegistrySnapshot::empty, catalogue::current, quarters),
                quarters,
                clock,
                Duration.ofDays(400),
                metrics);
        return new PeriodicRules(jdbc, windows, catalogue::current, clock, SHANGHAI, Duration.ofDays(3), true, metrics);
    }

    private void seedRegistry() {
        jdbc.update("INSERT INTO zone (id, name, annual_cap_m3) VALUES ('Z1', '超采区', 1600)");
        jdbc.update("INSERT INTO village (id, name, zone_id, annual_allocation_m3) VALUES ('V1', '村1', 'Z1', 1000)");
        jdbc.update("INSERT INTO village (id, name, zone_id, annual_allocation_m3) VALUES ('V2', '村2', 'Z1', 10000)");
        for (String[] w : new String[][] {{"W1", "V1"}, {"W2", "V1"}, {"W3", "V2"}}) {
            device(w[0], "well", "1 day");
            jdbc.update("INSERT INTO well VALUES (?, ?, 'Z1', 500, 'em', false, NULL)", w[0], w[1]);
        }
        device("GATE-1", "gate", "5 minutes");
        for (String id : List.of("CEMS-45", "CEMS-44", "CEMS-HJ")) {
            monitor(id, "cems", "1 minute", "a21026", 30.0, null, null);
        }
        monitor("WQ-COLD", "water_quality", "1 hour", "w21003", 5.0, null, 8.0);
        monitor("WQ-WARM", "water_quality", "1 hour", "w21003", 5.0, null, 8.0);
        jdbc.update("INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value) VALUES"
                + " ('WQ-WARM', 'w01018', 'mg/L', 200, 50)");
        monitor("WQ-MIN-A", "water_quality", "1 minute", "w01018", 50.0, null, null);
        monitor("WQ-MIN-B", "water_quality", "1 minute", "w01018", 50.0, null, null);
    }

    private void device(String id, String family, String interval) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, ?, ?, ?::interval)",
                id,
                family,
                "设备" + id,
                interval);
    }

    private void monitor(
            String id, String family, String interval, String parameter, Double limit, Double low, Double cold) {
        device(id, family, interval);
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, ?, ?, '总排口')",
                id,
                family,
                "企业" + id);
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value, limit_low, limit_cold)"
                        + " VALUES (?, ?, 'mg/L', 200, ?, ?, ?)",
                id,
                parameter,
                limit,
                low,
                cold);
    }

    /** {@code count} one-minute values from {@code start}, the first {@code valid} flagged N, the rest D. */
    private void minutes(
            String table, String device, String parameter, Instant start, int count, int valid, double value) {
        jdbc.update(
                "INSERT INTO " + table + " (device_id, parameter, ts, value, flag, valid, received_at)"
                        + " SELECT ?, ?, ?::timestamptz + n * INTERVAL '1 minute', ?,"
                        + " CASE WHEN n < ? THEN 'N' ELSE 'D' END, n < ?, ?::timestamptz + n * INTERVAL '1 minute'"
                        + " FROM generate_series(0, ? - 1) n",
                device,
                parameter,
                ts(start),
                value,
                valid,
                valid,
                ts(start),
                count);
    }

    private void value(String table, String device, String parameter, Instant at, double value, String flag) {
        jdbc.update(
                "INSERT INTO " + table + " (device_id, parameter, ts, value, flag, valid, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                device,
                parameter,
                ts(at),
                value,
                flag,
                "N".equals(flag),
                ts(at));
    }

    private void calibration(String device, String parameter, String kind, Instant at) {
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, family)"
                        + " VALUES (?, ?, ?, ?, 100, 100, 'cems')",
                device,
                parameter,
                kind,
                ts(at));
    }

    private void seen(String gate, Instant at) {
        value("gate_reading", gate, "flow", at, 1.0, "N");
    }

    private void meter(String well, String localTime, double total) {
        value("well_reading", well, "volume_total", local(localTime), total, "N");
    }

    private List<Map<String, Object>> alerts(String rule, String subject) {
        return jdbc.queryForList(
                "SELECT *, evidence::text AS evidence_text FROM alert WHERE rule_id = ? AND subject_id = ?",
                rule,
                subject);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evidence(Map<String, Object> alert) {
        return JsonMapper.builder().build().readValue((String) alert.get("evidence_text"), Map.class);
    }

    private Map<String, Object> alert(String rule, String subject) {
        List<Map<String, Object>> rows = alerts(rule, subject);
        assertThat(rows)
                .as(
                        "%s alert for %s; all: %s",
                        rule,
                        subject,
                        jdbc.queryForList(
                                "SELECT rule_id, subject_id, parameter, severity, state, observed FROM alert"))
                .hasSize(1);
        return rows.get(0);
    }

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }

    private static String local(Object timestamp) {
        return ((Timestamp) timestamp)
                .toInstant()
                .atZone(SHANGHAI)
                .toLocalDateTime()
                .toString();
    }

    private static Timestamp ts(Instant t) {
        return Timestamp.from(t);
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
