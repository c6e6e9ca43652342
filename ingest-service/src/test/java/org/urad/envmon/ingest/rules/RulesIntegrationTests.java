package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.notify.Notifier;
import org.urad.envmon.ingest.notify.NotifyProperties;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Well;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.NotifySettings;

/**
 * Verifies, against the real database, that a history shaped like the rectification report raises
 * the report's alerts, and that a failed CEMS span calibration is alerted and sent to a webhook.
 */
class RulesIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW =
            LocalDateTime.parse("2025-11-01T09:00").atZone(SHANGHAI).toInstant();
    private static final String ZONE = "ZONE-A";

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private HttpServer receiver;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private Notifier notifier;
    private WindowScheduler scheduler;
    private CommittedBatchRules batchRules;
    private GroundwaterData groundwater;
    private RuleRunner runner;
    private RuleMetrics metrics;
    private SimpleMeterRegistry meters;
    private RuleCatalogue catalogue;
    private RegistrySnapshot registry;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("rules");
        jdbc = new JdbcTemplate(database.dataSource());
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        var channel = new NotifyProperties.Channel(
                "ops",
                "webhook",
                URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
        var notify = NotifySettings.fast(List.of(channel));
        Clock clock = Clock.fixed(NOW, SHANGHAI);
        meters = new SimpleMeterRegistry();
        metrics = new RuleMetrics(meters);
        notifier = new Notifier(notify, database.dataSource(), metrics, new AlertEventLog(jdbc), clock).start();
        runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, clock, SHANGHAI),
                notifier);
        registry = registry();
        catalogue = new RuleCatalogue(jdbc);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        }
        groundwater = new GroundwaterData(jdbc, SHANGHAI);
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        scheduler = new WindowScheduler(
                jdbc,
                runner,
                new GroundwaterQuarters(groundwater, () -> registry, catalogue::current, quarters),
                quarters,
                clock,
                Duration.ofDays(6 * 366),
                metrics);
        batchRules = new CommittedBatchRules(
                jdbc, runner, scheduler, () -> registry, catalogue::current, metrics, SHANGHAI, clock, 10);
        seedRegistryTables();
    }

    @AfterEach
    void tearDown() {
        batchRules.close();
        notifier.close();
        receiver.stop(0);
        database.close();
    }

    @Test
    void reportShapedHistoryRaisesTheReportsGroundwaterAlerts() {
        insertLevelHistory();

        int evaluated = scheduler.runOnce();

        assertThat(evaluated).isEqualTo(20); // 2020Q4 … 2025Q3, each once
        assertThat(scheduler.runOnce()).isZero();
        // (八) 2021: four consecutive quarterly declines of the zone mean
        Map<String, Object> run = alert("GW_CONSECUTIVE_DECLINE", ZONE, "2021-01-01");
        assertThat(run.get("severity")).isEqualTo("breach");
        assertThat(run.get("report_item")).isEqualTo("(八)");
        assertThat(local(run.get("period_end"))).isEqualTo("2022-01-01T00:00");
        // (八) 2022 Q3 – 2023 Q2: quarterly mean more than 0.5 m below the same quarter a year earlier
        Map<String, Object> yoy = alert("GW_YOY_DECLINE", ZONE, "2022-07-01");
        assertThat(local(yoy.get("period_end"))).isEqualTo("2023-07-01T00:00");
        assertThat(yoy.get("state")).isEqualTo("resolved");
        // (八) 2023 Q2: two control wells 5.2 m and 5.16 m below their control levels
        Map<String, Object> c1 = alert("GW_BELOW_CONTROL_LEVEL", "C1", "2023-04-01");
        Map<String, Object> c2 = alert("GW_BELOW_CONTROL_LEVEL", "C2", "2023-04-01");
        assertThat((Double) c1.get("margin")).isCloseTo(5.2, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((Double) c2.get("margin")).isCloseTo(5.16, org.assertj.core.data.Offset.offset(1e-6));
        assertThat((String) c2.get("message_zh"))
                .contains("低于控制水位 1033.56 米 5.16 米")
                .contains("第(八)项");
        assertThat(c1.get("subject_kind")).isEqualTo("well");
        // (八).6: the zone in the stable band for 19 consecutive months at the end of October 2025
        assertThat(groundwater.stableMonths(ZONE, YearMonth.of(2025, 10), 0.5)).isEqualTo(19);
        assertThat(groundwater.stableMonths(ZONE, YearMonth.of(2024, 3), 0.5)).isZero();
    }

    @Test
    void goodReadingsAfterAQuarterlyBreachLeaveTheQuartersAlertOpenUntilLaterQuartersAreGood() {
        // GIVEN the history up to 2023 Q2, whose control-well quarterly mean is below the control level
        insertLevelHistory();
        jdbc.update("DELETE FROM well_reading WHERE ts >= ?", java.sql.Timestamp.from(quarterStart(2023, 7)));
        scheduler.runOnce();
        assertThat(alert("GW_BELOW_CONTROL_LEVEL", "C1", "2023-04-01").get("state"))
                .isEqualTo("open");

        // WHEN two good hourly readings of the control well arrive in the next quarter
        for (int hour = 8; hour <= 9; hour++) {
            Instant at = LocalDateTime.parse("2023-07-02T0" + hour + ":00")
                    .atZone(SHANGHAI)
                    .toInstant();
            jdbc.update(
                    "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES ('C1', 'gw_level', ?, 1040.0)",
                    java.sql.Timestamp.from(at));
            batchRules.process(List.of(new Outcome(
                    raw(),
                    "json",
                    "C1",
                    List.of(new Reading(
                            Family.WELL,
                            "C1",
                            "gw_level",
                            at,
                            Period.HOUR,
                            Statistic.VALUE,
                            1040.0,
                            DataFlag.N,
                            true,
                            null)),
                    List.of(),
                    List.of())));
        }

        // THEN the quarter's breach stays open: point checks judge readings under their own rule id
        assertThat(alert("GW_BELOW_CONTROL_LEVEL", "C1", "2023-04-01").get("state"))
                .isEqualTo("open");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM alert WHERE rule_id = 'GW_READING_BELOW_CONTROL_LEVEL'", Long.class))
                .isZero();

        // AND re-judging 2023 Q2 itself as good (a corrected history) does not count towards resolving it
        jdbc.update(
                "UPDATE well_reading SET value = 1040.0 WHERE device_id = 'C1' AND ts >= ? AND ts < ?",
                java.sql.Timestamp.from(quarterStart(2023, 4)),
                java.sql.Timestamp.from(quarterStart(2023, 7)));
        for (int i = 0; i < 2; i++) {
            scheduler.markDirty(WindowScheduler.GW_QUARTER, quarterStart(2023, 4), quarterStart(2023, 7));
            scheduler.runOnce();
        }
        assertThat(alert("GW_BELOW_CONTROL_LEVEL", "C1", "2023-04-01").get("state"))
                .isEqualTo("open");

        // AND two later good quarters (resolve_after = 2) resolve it
        for (int month = 7; month <= 12; month++) {
            jdbc.update(
                    "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES ('C1', 'gw_level', ?, 1040.0)",
                    java.sql.Timestamp.from(LocalDateTime.of(2023, month, 15, 12, 0)
                            .atZone(SHANGHAI)
                            .toInstant()));
        }
        scheduler.markDirty(WindowScheduler.GW_QUARTER, quarterStart(2023, 7), quarterStart(2023, 10));
        scheduler.markDirty(WindowScheduler.GW_QUARTER, quarterStart(2023, 10), quarterStart(2024, 1));
        scheduler.runOnce();
        assertThat(alert("GW_BELOW_CONTROL_LEVEL", "C1", "2023-04-01").get("state"))
                .isEqualTo("resolved");
    }

    private static Instant quarterStart(int year, int month) {
        return YearMonth.of(year, month).atDay(1).atStartOfDay(SHANGHAI).toInstant();
    }

    @Test
    void lateGroundwaterDataReEvaluatesItsQuarter() {
        insertLevelHistory();
        scheduler.runOnce();
        Instant late = LocalDateTime.parse("2024-05-20T08:00").atZone(SHANGHAI).toInstant();
        jdbc.update(
                "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES ('M1', 'gw_level', ?, 1016.2)",
                java.sql.Timestamp.from(late));
        batchRules.process(List.of(new Outcome(
                raw(),
                "json",
                "M1",
                List.of(new org.urad.envmon.ingest.reading.Reading(
                        Family.WELL,
                        "M1",
                        "gw_level",
                        late,
                        org.urad.envmon.ingest.reading.Period.REALTIME,
                        org.urad.envmon.ingest.reading.Statistic.VALUE,
                        1016.2,
                        org.urad.envmon.ingest.reading.DataFlag.N,
                        true,
                        null)),
                List.of(),
                List.of())));

        // 2024Q2 and the quarters judged against it: the next three (declines in a row) and 2025Q2 (a year on)
        assertThat(scheduler.runOnce()).isEqualTo(5);
    }

    @Test
    void lateDataMarkedWhileItsQuarterIsBeingJudgedIsJudgedAgain() throws Exception {
        insertLevelHistory();
        scheduler.runOnce();
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        YearMonth q = YearMonth.of(2024, 4);
        Instant late = LocalDateTime.parse("2024-05-21T08:00").atZone(SHANGHAI).toInstant();
        // GIVEN the quarter marked by a first late value
        scheduler.markDirty(WindowScheduler.GW_QUARTER, quarters.start(q), quarters.end(q));

        // WHEN another late value is committed and marks it while its evaluation is running
        boolean judged = scheduler.evaluate(WindowScheduler.GW_QUARTER, quarters.start(q), quarters.end(q), () -> {
            Thread writer = new Thread(() -> {
                jdbc.update(
                        "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES ('M1', 'gw_level', ?, 1016.2)",
                        java.sql.Timestamp.from(late));
                scheduler.markDirty(WindowScheduler.GW_QUARTER, quarters.start(q), quarters.end(q));
            });
            writer.start();
            try {
                writer.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return List.of();
        });

        // THEN the quarter stays marked, and the next pass judges it (with the late value)
        assertThat(judged).isTrue();
        assertThat(jdbc.queryForObject(
                        "SELECT dirty FROM rule_window_run WHERE rule_group = 'gw_quarter' AND window_start = ?",
                        Boolean.class,
                        java.sql.Timestamp.from(quarters.start(q))))
                .isTrue();
        assertThat(scheduler.dueQuarters()).contains(q);
        assertThat(scheduler.runOnce()).isEqualTo(1);
        assertThat(scheduler.dueQuarters()).doesNotContain(q);
    }

    @Test
    void oldQuartersJudgedAfterNewerOnesAreHistoryAndLeaveNoAlertOpen() {
        insertLevelHistory();
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        // GIVEN the latest quarters judged first (as after a restart with a short horizon)
        for (YearMonth q = YearMonth.of(2024, 1); q.isBefore(YearMonth.of(2025, 10)); q = q.plusMonths(3)) {
            assertThat(scheduler.evaluateQuarter(quarters.start(q))).isTrue();
        }
        long openBefore = openAlerts();

        // WHEN the older quarters, with their breaches, are judged afterwards
        for (YearMonth q = YearMonth.of(2020, 10); q.isBefore(YearMonth.of(2024, 1)); q = q.plusMonths(3)) {
            assertThat(scheduler.evaluateQuarter(quarters.start(q))).isTrue();
        }

        // THEN no alert opens for them; their breaches are history (resolved, with a 'recorded' event)
        assertThat(openAlerts()).isEqualTo(openBefore);
        Map<String, Object> yoy = alert("GW_YOY_DECLINE", ZONE, "2022-07-01");
        assertThat(yoy.get("state")).isEqualTo("resolved");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM alert_event e JOIN alert a ON a.id = e.alert_id"
                                + " WHERE e.kind = 'recorded' AND a.rule_id = 'GW_CONSECUTIVE_DECLINE'",
                        Long.class))
                .isPositive();
        // judging an old quarter again records it once, not twice
        long history = jdbc.queryForObject("SELECT count(*) FROM alert", Long.class);
        scheduler.markDirty(
                WindowScheduler.GW_QUARTER, quarters.start(YearMonth.of(2023, 4)), quarters.end(YearMonth.of(2023, 4)));
        scheduler.runOnce();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert", Long.class))
                .isEqualTo(history);
    }

    /**
     * The calibration as its batch's commit stores it (the point rules run after the commit and read its
     * deviation from cems_calibration_deviation); CEMS-1 has no range registered in the tables, so a span
     * check without full scale is judged on its reference.
     */
    private Calibration stored(Calibration c) {
        jdbc.update(
                "INSERT INTO calibration_record (device_id, parameter, kind, ts, reference, measured, full_scale, family)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 'cems')",
                c.deviceId(),
                c.parameter(),
                c.kind().code(),
                java.sql.Timestamp.from(c.time()),
                c.reference(),
                c.measured(),
                c.fullScale());
        return c;
    }

    private long openAlerts() {
        return jdbc.queryForObject("SELECT count(*) FROM alert WHERE state <> 'resolved'", Long.class);
    }

    @Test
    void spanCalibrationHalfTheReferenceRaisesDriftAlertOf47Point5PercentagePoints() throws Exception {
        Instant at = LocalDateTime.parse("2025-10-30T10:00").atZone(SHANGHAI).toInstant();
        var calibration =
                stored(new Calibration(Family.CEMS, "CEMS-1", "a21026", CalibrationKind.SPAN, at, 100, 50, null, null));

        batchRules.process(List.of(new Outcome(raw(), "json", "CEMS-1", List.of(), List.of(calibration), List.of())));

        Map<String, Object> drift = alert("CEMS_CALIBRATION_DRIFT", "CEMS-1", "2025-10-30");
        assertThat((Double) drift.get("margin")).isCloseTo(47.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(drift.get("observed")).isEqualTo(50.0);
        assertThat(drift.get("target")).isEqualTo(2.5);
        assertThat(drift.get("parameter")).isEqualTo("a21026");
        assertThat((String) drift.get("message_zh"))
                .contains("焦炉烟气总排口")
                .contains("超出允许偏差 47.5 个百分点")
                .contains("第30项");
        String body = received.poll(10, TimeUnit.SECONDS);
        assertThat(body).isNotNull();
        assertThat(body)
                .contains("\"rule_id\":\"CEMS_CALIBRATION_DRIFT\"")
                .contains("\"report_item\":\"30\"")
                .contains("\"margin\":47.5")
                .contains("47.5 个百分点");
        long notified = 0;
        for (int i = 0; i < 100 && notified == 0; i++) {
            notified = jdbc.queryForObject("SELECT count(*) FROM alert_event WHERE kind = 'notified'", Long.class);
            Thread.sleep(50);
        }
        assertThat(notified).isEqualTo(1);

        // the same failure again does not open a second alert; a passing calibration resolves it
        batchRules.process(List.of(new Outcome(
                raw(),
                "json",
                "CEMS-1",
                List.of(),
                List.of(stored(new Calibration(
                        Family.CEMS,
                        "CEMS-1",
                        "a21026",
                        CalibrationKind.SPAN,
                        at.plusSeconds(3600),
                        100,
                        99,
                        null,
                        null))),
                List.of())));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM alert WHERE rule_id = 'CEMS_CALIBRATION_DRIFT'", Long.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT state FROM alert WHERE rule_id = 'CEMS_CALIBRATION_DRIFT'", String.class))
                .isEqualTo("resolved");
    }

    @Test
    void pointRulesOfABatchThatFoundTheQueueFullAreJudgedOnceTheQueueDrains() throws Exception {
        Instant at = LocalDateTime.parse("2025-10-30T10:00").atZone(SHANGHAI).toInstant();
        jdbc.update(
                "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES ('C1', 'gw_level', ?, 1030.0)",
                java.sql.Timestamp.from(at));
        Reading belowControl = new Reading(
                Family.WELL, "C1", "gw_level", at, Period.REALTIME, Statistic.VALUE, 1030.0, DataFlag.N, true, null);
        var drift =
                stored(new Calibration(Family.CEMS, "CEMS-1", "a21026", CalibrationKind.SPAN, at, 100, 50, null, null));

        try (CommittedBatchRules oneQueued = new CommittedBatchRules(
                        jdbc,
                        runner,
                        scheduler,
                        () -> registry,
                        catalogue::current,
                        metrics,
                        SHANGHAI,
                        Clock.fixed(NOW, SHANGHAI),
                        1);
                Connection blocker = database.dataSource().getConnection()) {
            // GIVEN the rules thread held up on the alert table and one batch waiting behind it
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("LOCK TABLE alert IN ACCESS EXCLUSIVE MODE");
            oneQueued.committed(List.of(new Outcome(raw(), "json", "CEMS-1", List.of(), List.of(drift), List.of())));
            oneQueued.committed(List.of());
            // WHEN a committed batch with a control-level breach finds the queue full
            oneQueued.committed(List.of(new Outcome(raw(), "json", "C1", List.of(belowControl), List.of(), List.of())));
            assertThat(meters.get(RuleMetrics.RULES_DEFERRED).counter().count()).isEqualTo(1.0);
            blocker.rollback();

            // THEN its breach is judged from the database once the queue has drained
            long found = 0;
            for (int i = 0; i < 300 && found == 0; i++) {
                found = jdbc.queryForObject(
                        "SELECT count(*) FROM alert WHERE rule_id = 'GW_READING_BELOW_CONTROL_LEVEL'"
                                + " AND subject_id = 'C1'",
                        Long.class);
                Thread.sleep(50);
            }
            assertThat(found).isEqualTo(1);
            assertThat(jdbc.queryForObject(
                            "SELECT observed FROM alert WHERE rule_id = 'GW_READING_BELOW_CONTROL_LEVEL'",
                            Double.class))
                    .isEqualTo(1030.0);
        }
    }

    private Map<String, Object> alert(String rule, String subject, String localStartDay) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT * FROM alert WHERE rule_id = ? AND subject_id = ?"
                        + " AND (period_start AT TIME ZONE 'Asia/Shanghai')::date = ?::date",
                rule,
                subject,
                localStartDay);
        assertThat(rows)
                .as(
                        "%s alert for %s starting %s; all: %s",
                        rule,
                        subject,
                        localStartDay,
                        jdbc.queryForList(
                                "SELECT rule_id, subject_id, severity, state, period_start, period_end, margin FROM alert"))
                .hasSize(1);
        return rows.get(0);
    }

    private static String local(Object timestamp) {
        return ((java.sql.Timestamp) timestamp)
                .toInstant()
                .atZone(SHANGHAI)
                .toLocalDateTime()
                .toString();
    }

    private static RawMessage raw() {
        return new RawMessage("t", new byte[0], NOW, null, stored -> {});
    }

    /** Zone mean per month (level, m a.s.l.) shaped like the report. */
    static double zoneLevel(YearMonth m) {
        String q = GroundwaterRules.label(GroundwaterRules.quarterOf(m));
        if (!m.isBefore(YearMonth.of(2024, 4))) {
            return 1028.2;
        }
        return switch (q) {
            case "2020Q4" -> 1030.0;
            case "2021Q1" -> 1029.8;
            case "2021Q2" -> 1029.6;
            case "2021Q3" -> 1029.4;
            case "2021Q4" -> 1029.2;
            case "2022Q1", "2022Q2" -> 1029.3;
            case "2022Q3" -> 1028.8;
            case "2022Q4" -> 1028.6;
            case "2023Q1" -> 1028.5;
            case "2023Q2", "2023Q3" -> 1028.4;
            case "2023Q4" -> 1028.3;
            case "2024Q1" -> 1027.8;
            default -> throw new IllegalArgumentException(q);
        };
    }

    /** Two control wells and a monitoring well; their mean is the zone level every month. */
    private void insertLevelHistory() {
        for (YearMonth m = YearMonth.of(2020, 10); !m.isAfter(YearMonth.of(2025, 10)); m = m.plusMonths(1)) {
            double level = zoneLevel(m);
            boolean dip = GroundwaterRules.label(GroundwaterRules.quarterOf(m)).equals("2023Q2");
            double control = dip ? level : level + 6;
            double monitoring = 3 * level - 2 * control;
            Instant at = m.atDay(15).atTime(12, 0).atZone(SHANGHAI).toInstant();
            for (var e : Map.of("C1", control, "C2", control, "M1", monitoring).entrySet()) {
                jdbc.update(
                        "INSERT INTO well_reading (device_id, parameter, ts, value) VALUES (?, 'gw_level', ?, ?)",
                        e.getKey(),
                        java.sql.Timestamp.from(at),
                        e.getValue());
            }
        }
    }

    private void seedRegistryTables() {
        jdbc.update("INSERT INTO zone (id, name) VALUES (?, '超采区A')", ZONE);
        jdbc.update(
                "INSERT INTO village (id, name, zone_id, annual_allocation_m3) VALUES ('V1', '村1', ?, 100000)", ZONE);
        for (String id : List.of("C1", "C2", "M1")) {
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, '1 day')",
                    id,
                    "井" + id);
        }
        // all three are the zone's monitoring wells; C1 and C2 are also control wells
        jdbc.update("INSERT INTO well VALUES ('C1', 'V1', ?, 30000, 'em', true, 1033.6, true)", ZONE);
        jdbc.update("INSERT INTO well VALUES ('C2', 'V1', ?, 30000, 'em', true, 1033.56, true)", ZONE);
        jdbc.update("INSERT INTO well VALUES ('M1', 'V1', ?, 30000, 'em', false, NULL, true)", ZONE);
    }

    private static RegistrySnapshot registry() {
        Duration day = Duration.ofDays(1);
        return new RegistrySnapshot(
                List.of(
                        new Device("C1", Family.WELL, "井C1", day, null, null, true),
                        new Device("C2", Family.WELL, "井C2", day, null, null, true),
                        new Device("M1", Family.WELL, "井M1", day, null, null, true),
                        new Device("CEMS-1", Family.CEMS, "焦炉烟气总排口", Duration.ofMinutes(1), null, null, true)),
                List.of(),
                List.of(
                        new Well("C1", "V1", ZONE, 30000, "em", true, 1033.6, true, true, null),
                        new Well("C2", "V1", ZONE, 30000, "em", true, 1033.56, true, true, null),
                        new Well("M1", "V1", ZONE, 30000, "em", false, null, true, true, null)),
                List.of(new Monitor("CEMS-1", Family.CEMS, "神华巴彦淖尔能源", "焦炉烟气总排口", null, null, false, true)),
                List.of(new MonitorParameter("CEMS-1", "a21026", "mg/m3", 0, 200, 30.0, null, null)),
                List.of());
    }
}
