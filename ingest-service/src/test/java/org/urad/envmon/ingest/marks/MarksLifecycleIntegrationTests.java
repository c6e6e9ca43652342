package org.urad.envmon.ingest.marks;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.api.Page;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.rules.AlertTracker;
import org.urad.envmon.ingest.rules.GroundwaterData;
import org.urad.envmon.ingest.rules.GroundwaterQuarters;
import org.urad.envmon.ingest.rules.PeriodicRules;
import org.urad.envmon.ingest.rules.QuarterClock;
import org.urad.envmon.ingest.rules.RuleCatalogue;
import org.urad.envmon.ingest.rules.RuleRunner;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.rules.WindowScheduler;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.support.MigratedDatabase;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies, against the real database and the real rule windows, a data mark's life: made in time or late,
 * accepted, rejected with a reason, corrected as a new version; and what it does to the figures: the
 * exceedance verdict of a CEMS hour, the evidence listing the marks used, a water outlet's transmission
 * rate, and the "to be marked" list. The controller runs as the API would, with the caller in the
 * security context.
 */
class MarksLifecycleIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String COKING = "焦化厂";

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private RuleCatalogue catalogue;
    private final MutableClock clock = new MutableClock(local("2025-11-03T12:00"));
    private MarkController marks;
    private PeriodicRules periodic;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("marks");
        jdbc = new JdbcTemplate(database.dataSource());
        catalogue = new RuleCatalogue(null);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        }
        monitor("CEMS-1", "cems", "1 minute", COKING, "a21026", 30.0);
        monitor("CEMS-2", "cems", "1 minute", COKING, "a21026", 30.0);
        monitor("CEMS-X", "cems", "1 minute", "另一企业", "a21026", 30.0);
        monitor("WQ-1", "water_quality", "1 minute", "污水处理厂", "w01018", 50.0);
        RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
        RuleRunner runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, clock, SHANGHAI),
                null);
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        WindowScheduler windows = new WindowScheduler(
                jdbc,
                runner,
                new GroundwaterQuarters(
                        new GroundwaterData(jdbc, SHANGHAI), RegistrySnapshot::empty, catalogue::current, quarters),
                quarters,
                clock,
                Duration.ofDays(400),
                metrics);
        periodic = new PeriodicRules(
                jdbc, windows, catalogue::current, clock, SHANGHAI, Duration.ofDays(3), false, metrics);
        RulesProperties rules = new RulesProperties(
                "classpath:rules/rule-set.json",
                Duration.ofMinutes(5),
                Duration.ofMinutes(5),
                SHANGHAI,
                Duration.ofDays(1100),
                1000,
                Duration.ofMinutes(1),
                Duration.ofDays(3),
                false,
                Duration.ofDays(30),
                Duration.ofMinutes(1),
                Duration.ofMinutes(2));
        marks = new MarkController(
                new MarkStore(jdbc),
                new AuditLog(database.dataSource(), clock),
                windows,
                new MarksProperties(Duration.ofHours(12), Duration.ofDays(31)),
                clock,
                rules);
    }

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        database.close();
    }

    @Test
    void markFollowedThroughItsLifeDrivesTheExceedanceVerdictOfItsHour() {
        minutes("cems_reading", "CEMS-1", "a21026", local("2025-11-03T07:00"), 60, 40.0, "N"); // 40 > 30 mg/m3

        // made in time (due 12 h after the period's start), pending: it does not count yet
        as("plant-a", "OPERATOR", COKING);
        Map<String, Object> made = body(marks.create(draft("CEMS-1", null, "07:00", "08:00", "maintenance", "分析仪维护")));
        long id = ((Number) made.get("markId")).longValue();
        assertThat(made).containsEntry("late", false).containsEntry("status", "pending");
        assertThat(made).containsEntry("source", "plant").containsEntry("author", "plant-a");
        assertThat(local(made.get("dueAt"))).isEqualTo("2025-11-03T19:00");

        // accepted by the bureau before the hour is judged: the maintenance hour is no exceedance
        as("bureau", "ADMIN", null);
        assertThat(body(marks.review(id, new MarkController.Review("accepted", null))))
                .containsEntry("status", "accepted")
                .containsEntry("reviewer", "bureau");
        periodic.runWindows();
        assertThat(alerts("CEMS-1")).isEmpty();

        // rejected with a reason: the hour is judged again and is an exceedance, with no marks in evidence
        assertThat(marks.review(id, new MarkController.Review("rejected", null)).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(marks.review(id, new MarkController.Review("rejected", "运维记录不符"))))
                .containsEntry("status", "rejected")
                .containsEntry("reviewReason", "运维记录不符");
        assertThat(dirty("cems_hour", "2025-11-03T07:00")).isTrue();
        periodic.runWindows();
        Map<String, Object> breach = single(alerts("CEMS-1"));
        assertThat(evidence(breach)).containsEntry("valid_minutes", 60.0).doesNotContainKey("marks");

        // corrected by the plant: version 2, pending again; accepted, it leaves its ten minutes out of the hour
        clock.set(local("2025-11-03T13:00"));
        as("plant-a", "OPERATOR", COKING);
        Map<String, Object> corrected =
                body(marks.correct(id, draft("CEMS-1", "a21026", "07:00", "07:10", "maintenance", "仅前10分钟维护")));
        assertThat(corrected)
                .containsEntry("version", 2)
                .containsEntry("status", "pending")
                .containsEntry("parameter", "a21026");
        as("bureau", "ADMIN", null);
        body(marks.review(id, new MarkController.Review("accepted", null)));
        periodic.runWindows();
        Map<String, Object> rejudged = single(alerts("CEMS-1"));
        assertThat(evidence(rejudged))
                .containsEntry("valid_minutes", 50.0)
                .containsEntry("marks", List.of(id + "/2 maintenance"));

        // the history keeps both versions with their authors and reviews; every action is audited
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> versions =
                (List<Map<String, Object>>) body(marks.one(id)).get("versions");
        assertThat(versions).extracting(v -> v.get("author")).containsExactly("plant-a", "plant-a");
        assertThat((List<?>) versions.get(0).get("reviews")).hasSize(2);
        assertThat(jdbc.queryForList(
                        "SELECT action || ' ' || actor FROM audit_log WHERE target = ? ORDER BY id",
                        String.class,
                        "mark/" + id))
                .containsExactly(
                        "mark.create plant-a",
                        "mark.review bureau",
                        "mark.review bureau",
                        "mark.correct plant-a",
                        "mark.review bureau");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM data_mark WHERE mark_id = ?", Long.class, id))
                .isEqualTo(2);
    }

    @Test
    void unmarkedFaultAndMissingHoursAreTasksUntilALateMarkCoversThem() {
        Instant six = local("2025-11-03T06:00");
        minutes("cems_reading", "CEMS-2", "a21026", six, 120, 20.0, "N"); // 06:00 to 08:00 normal
        minutes("cems_reading", "CEMS-2", "a21026", local("2025-11-03T08:00"), 60, 0.0, "D"); // fault, then silence
        as("plant-a", "OPERATOR", COKING);

        List<MarkTasks.Task> tasks = tasks(six, local("2025-11-03T12:00"), "CEMS-2");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).start()).isEqualTo(local("2025-11-03T08:00"));
        assertThat(tasks.get(0).end()).isEqualTo(local("2025-11-03T12:00"));
        assertThat(tasks.get(0).why()).containsExactly("D", "missing");
        assertThat(tasks.get(0).overdue()).isFalse();

        clock.set(local("2025-11-04T09:00")); // past the deadline (20:00): the reminder
        assertThat(tasks(six, local("2025-11-03T12:00"), "CEMS-2"))
                .singleElement()
                .satisfies(t -> assertThat(t.overdue()).isTrue());

        Map<String, Object> late = body(marks.create(draft("CEMS-2", null, "08:00", "12:00", "fault", "采样探头堵塞")));
        assertThat(late).containsEntry("late", true).containsEntry("status", "pending");
        assertThat(tasks(six, local("2025-11-03T12:00"), "CEMS-2")).isEmpty();
    }

    @Test
    void plantUserSeesAndMarksOnlyItsOwnMonitorsAndCannotReview() {
        as("plant-x", "OPERATOR", "另一企业");
        assertThat(marks.create(draft("CEMS-1", null, "07:00", "08:00", "maintenance", "维护"))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(marks.create(draft("CEMS-X", null, "07:00", "08:00", "inflow_abnormal", "进水异常"))
                        .getStatusCode())
                .as("a sewage-treatment kind on a stack")
                .isEqualTo(HttpStatus.BAD_REQUEST);
        long own = ((Number) body(marks.create(draft("CEMS-X", null, "07:00", "08:00", "coke_oven_holding", "焖炉")))
                        .get("markId"))
                .longValue();

        as("plant-a", "OPERATOR", COKING);
        long other = ((Number) body(marks.create(draft("CEMS-1", null, "07:00", "08:00", "maintenance", "维护")))
                        .get("markId"))
                .longValue();
        assertThat(marks.one(own).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(listed()).containsExactly(other);
        assertThat(marks.review(other, new MarkController.Review("accepted", null))
                        .getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        as("bureau", "ADMIN", null);
        assertThat(listed()).containsExactlyInAnyOrder(own, other);
    }

    @Test
    void acceptedShutdownIsNotExpectedByTheTransmissionRate() {
        clock.set(local("2025-11-02T08:00"));
        Instant day = local("2025-11-01T00:00");
        minutes("water_quality_reading", "WQ-1", "w01018", day, 1200, 20.0, "N"); // 00:00 to 20:00, then nothing
        as("plant-w", "OPERATOR", "污水处理厂");
        long id = ((Number) body(marks.create(new MarkDraft(
                                "WQ-1",
                                null,
                                local("2025-11-01T20:00"),
                                local("2025-11-02T00:00"),
                                "shutdown",
                                "检修停运",
                                "停运报告",
                                "att-2025-118.pdf")))
                        .get("markId"))
                .longValue();
        periodic.runWindows();
        Map<String, Object> low = single(alertsOf("WQ_TRANSMISSION_RATE", "WQ-1"));
        assertThat((Double) low.get("observed")).isCloseTo(83.33, org.assertj.core.data.Offset.offset(0.01));

        as("bureau", "ADMIN", null);
        body(marks.review(id, new MarkController.Review("accepted", null)));
        periodic.runWindows(); // the day and the month are judged again: 1200 of 1200 expected
        Map<String, Object> after = single(alertsOf("WQ_TRANSMISSION_RATE", "WQ-1"));
        assertThat(after.get("state")).isEqualTo("resolved");
    }

    private List<Long> listed() {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = ((Page<Map<String, Object>>)
                        marks.list(null, local("2025-11-03T00:00"), local("2025-11-04T00:00"), 100, null)
                                .getBody())
                .items();
        return rows.stream().map(r -> ((Number) r.get("markId")).longValue()).toList();
    }

    @SuppressWarnings("unchecked")
    private List<MarkTasks.Task> tasks(Instant from, Instant to, String device) {
        return ((Page<MarkTasks.Task>) marks.tasks(from, to, 100, null).getBody())
                .items().stream().filter(t -> t.deviceId().equals(device)).toList();
    }

    private static MarkDraft draft(
            String device, String parameter, String from, String to, String kind, String reason) {
        return new MarkDraft(
                device,
                parameter,
                local("2025-11-03T" + from),
                local("2025-11-03T" + to),
                kind,
                reason,
                "运维记录",
                "att-1.pdf");
    }

    private static void as(String user, String role, String enterprise) {
        List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>();
        for (String r : List.of("VIEWER", "OPERATOR", "ADMIN")) {
            authorities.add(new SimpleGrantedAuthority("ROLE_" + r));
            if (r.equals(role)) {
                break;
            }
        }
        if (enterprise != null) {
            authorities.add(new SimpleGrantedAuthority("ENTERPRISE:" + enterprise));
        }
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(ResponseEntity<?> response) {
        assertThat(response.getStatusCode().is2xxSuccessful())
                .as("%s", response.getBody())
                .isTrue();
        return (Map<String, Object>) response.getBody();
    }

    private void monitor(String id, String family, String interval, String enterprise, String parameter, double limit) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, ?, ?, ?::interval)",
                id,
                family,
                "设备" + id,
                interval);
        jdbc.update(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet) VALUES (?, ?, ?, '总排口')",
                id,
                family,
                enterprise);
        jdbc.update(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value)"
                        + " VALUES (?, ?, 'mg/L', 200, ?)",
                id,
                parameter,
                limit);
    }

    /** {@code count} one-minute values from {@code start}, all with {@code flag}. */
    private void minutes(
            String table, String device, String parameter, Instant start, int count, double value, String flag) {
        jdbc.update(
                "INSERT INTO " + table + " (device_id, parameter, ts, value, flag, valid, received_at)"
                        + " SELECT ?, ?, ?::timestamptz + n * INTERVAL '1 minute', ?, ?, ?,"
                        + " ?::timestamptz + n * INTERVAL '1 minute' FROM generate_series(0, ? - 1) n",
                device,
                parameter,
                Timestamp.from(start),
                value,
                flag,
                "N".equals(flag),
                Timestamp.from(start),
                count);
    }

    private boolean dirty(String group, String localStart) {
        return jdbc.queryForObject(
                "SELECT dirty FROM rule_window_run WHERE rule_group = ? AND window_start = ?",
                Boolean.class,
                group,
                Timestamp.from(local(localStart)));
    }

    private List<Map<String, Object>> alerts(String subject) {
        return alertsOf("CEMS_EMISSION_LIMIT", subject);
    }

    private List<Map<String, Object>> alertsOf(String rule, String subject) {
        return jdbc.queryForList(
                "SELECT *, evidence::text AS evidence_text FROM alert WHERE rule_id = ? AND subject_id = ?",
                rule,
                subject);
    }

    private static Map<String, Object> single(List<Map<String, Object>> rows) {
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> evidence(Map<String, Object> alert) {
        return JsonMapper.builder().build().readValue((String) alert.get("evidence_text"), Map.class);
    }

    private static Instant local(String t) {
        return LocalDateTime.parse(t).atZone(SHANGHAI).toInstant();
    }

    private static String local(Object instant) {
        return ((Instant) instant).atZone(SHANGHAI).toLocalDateTime().toString();
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return SHANGHAI;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
