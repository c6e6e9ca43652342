package org.urad.envmon.ingest.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.store.WriteResult;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.SampleRegistry;

/**
 * Verifies, against the real database, that a batch holding values for the point rules commits a
 * {@code point_rule_due} row with them, that the row is deleted once the batch is judged, that a row left
 * over (no rules thread judged it) is judged by the sweep from the database and deleted (well readings and
 * over-range values flagged T), and that a batch with nothing for the point rules commits without one.
 */
class PointRuleDueIntegrationTests {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant AT =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
    private static final String FLOW_ALERTS =
            "SELECT count(*) FROM alert WHERE rule_id = 'METER_ANOMALY' AND subject_id = '" + SampleRegistry.WELL + "'";

    private MigratedDatabase database;
    private Db db;
    private SimpleMeterRegistry meters;
    private CommittedBatchRules rules;
    private BatchWriter writer;

    @BeforeEach
    void setUp() {
        database = MigratedDatabase.create("point_due");
        db = new Db(database.dataSource());
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        meters = new SimpleMeterRegistry();
        RuleMetrics metrics = new RuleMetrics(meters);
        Clock clock = Clock.systemUTC();
        RuleRunner runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(database.dataSource())),
                new AlertTracker(jdbc, metrics, clock, SHANGHAI),
                null);
        RuleCatalogue catalogue = new RuleCatalogue(jdbc);
        try (var in = getClass().getResourceAsStream("/rules/rule-set.json")) {
            assertThat(catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath"))
                    .isNull();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        RegistrySnapshot registry = SampleRegistry.create();
        QuarterClock quarters = new QuarterClock(SHANGHAI);
        WindowScheduler windows = new WindowScheduler(
                jdbc,
                runner,
                new GroundwaterQuarters(
                        new GroundwaterData(jdbc, SHANGHAI), () -> registry, catalogue::current, quarters),
                quarters,
                clock,
                Duration.ofDays(400),
                metrics);
        rules = new CommittedBatchRules(
                jdbc, runner, windows, () -> registry, catalogue::current, metrics, SHANGHAI, clock, 10);
        writer = new BatchWriter(database.dataSource());
    }

    @AfterEach
    void tearDown() {
        rules.close();
        database.close();
    }

    @Test
    void deletesTheDueRowOnceTheBatchIsJudged() throws Exception {
        // GIVEN a committed batch with an impossible flow and a level of the same well
        WriteResult written = writer.write(List.of(well(flow(AT, 900), level(AT.plusSeconds(60), 1040))));

        // THEN one due row spans the well's values, committed with them
        assertThat(written.due()).hasSize(1);
        assertThat(db.count(
                        "SELECT count(*) FROM point_rule_due WHERE kind = 'well_reading' AND device_id = ?"
                                + " AND ts_from = ? AND ts_to = ?",
                        SampleRegistry.WELL,
                        java.sql.Timestamp.from(AT),
                        java.sql.Timestamp.from(AT.plusSeconds(60))))
                .isEqualTo(1);

        // WHEN the rules thread judges the batch
        rules.committed(written.fresh(), written.due());

        // THEN the alert is raised and the row is gone
        assertThat(db.awaitCount(Duration.ofSeconds(30), n -> n == 0, "SELECT count(*) FROM point_rule_due"))
                .isZero();
        assertThat(db.count(FLOW_ALERTS)).isEqualTo(1);
    }

    @Test
    void sweepJudgesALeftOverRowFromTheDatabaseAndDeletesIt() throws Exception {
        // GIVEN a committed batch no rules thread ever judged (the service stopped after the commit)
        WriteResult written = writer.write(List.of(well(flow(AT, 900))));
        assertThat(written.due()).hasSize(1);
        assertThat(db.count(FLOW_ALERTS)).isZero();

        // WHEN a sweep that leaves rows younger than an hour runs, and then one that takes every row
        assertThat(rules.sweep(Duration.ofHours(1)).run()).isZero();
        assertThat(db.count("SELECT count(*) FROM point_rule_due")).isEqualTo(1);
        int swept = rules.sweep(Duration.ZERO).run();

        // THEN the reading is judged from the database and the row deleted
        assertThat(swept).isEqualTo(1);
        assertThat(db.count(FLOW_ALERTS)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM point_rule_due")).isZero();
        assertThat(meters.get(RuleMetrics.POINT_SWEPT).counter().count()).isEqualTo(1.0);
        assertThat(meters.get(RuleMetrics.POINT_DUE).gauge().value()).isZero();

        // AND judging it again (another sweep's lease ran out) raises nothing new
        WriteResult again = writer.write(List.of(well(flow(AT.plusSeconds(1), 950))));
        rules.sweep(Duration.ZERO).run();
        assertThat(db.count(FLOW_ALERTS)).isEqualTo(1);
        assertThat(again.due()).hasSize(1);
    }

    @Test
    void sweepJudgesALeftOverOverRangeValueAndRaisesTheAlert() throws Exception {
        // GIVEN a committed SO2 value flagged T (above the measuring range) that no rules thread judged
        Reading saturated = new Reading(
                Family.CEMS,
                SampleRegistry.CEMS,
                "a21026",
                AT,
                Period.REALTIME,
                Statistic.VALUE,
                210,
                DataFlag.T,
                false,
                null);
        WriteResult written = writer.write(
                List.of(new Outcome(raw(), "json", SampleRegistry.CEMS, List.of(saturated), List.of(), List.of())));
        String overRangeAlerts = "SELECT count(*) FROM alert WHERE rule_id = 'MONITOR_OVER_RANGE'"
                + " AND subject_id = '" + SampleRegistry.CEMS + "' AND parameter = 'a21026' AND severity = 'breach'";

        // THEN the batch committed a due row for it, and nothing has raised the alert yet
        assertThat(written.due()).hasSize(1);
        assertThat(db.count(
                        "SELECT count(*) FROM point_rule_due WHERE kind = 'over_range' AND device_id = ?"
                                + " AND ts_from = ? AND ts_to = ?",
                        SampleRegistry.CEMS,
                        java.sql.Timestamp.from(AT),
                        java.sql.Timestamp.from(AT)))
                .isEqualTo(1);
        assertThat(db.count(overRangeAlerts)).isZero();

        // WHEN the sweep runs (the service restarted after the commit)
        int swept = rules.sweep(Duration.ZERO).run();

        // THEN the T value is read back and judged: a breach (210 is above the 30 limit), the row deleted
        assertThat(swept).isEqualTo(1);
        assertThat(db.count(overRangeAlerts)).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM point_rule_due")).isZero();
    }

    @Test
    void anOverRangeValueWithoutItsDueRowIsNotFoundBySweep() throws Exception {
        // GIVEN a T value committed, its due row gone (as before V26: no row was written for it)
        Reading saturated = new Reading(
                Family.CEMS,
                SampleRegistry.CEMS,
                "a21026",
                AT,
                Period.REALTIME,
                Statistic.VALUE,
                210,
                DataFlag.T,
                false,
                null);
        writer.write(
                List.of(new Outcome(raw(), "json", SampleRegistry.CEMS, List.of(saturated), List.of(), List.of())));
        new JdbcTemplate(database.dataSource()).update("DELETE FROM point_rule_due");

        // WHEN the sweep runs
        assertThat(rules.sweep(Duration.ZERO).run()).isZero();

        // THEN nothing raises the alert: the due row is what carries the work over a crash
        assertThat(db.count("SELECT count(*) FROM alert WHERE rule_id = 'MONITOR_OVER_RANGE'"))
                .isZero();
    }

    @Test
    void commitsABatchWithNothingForThePointRulesWithoutADueRow() throws Exception {
        // GIVEN a batch of a CEMS reading and an invalid well reading: nothing a point rule judges
        Reading cems = new Reading(
                Family.CEMS,
                SampleRegistry.CEMS,
                "a21026",
                AT,
                Period.REALTIME,
                Statistic.VALUE,
                12.5,
                DataFlag.N,
                true,
                null);
        Reading invalid = new Reading(
                Family.WELL,
                SampleRegistry.WELL,
                "flow",
                AT,
                Period.REALTIME,
                Statistic.VALUE,
                900,
                DataFlag.D,
                false,
                null);

        // WHEN it is written
        WriteResult written = writer.write(List.of(
                new Outcome(raw(), "json", SampleRegistry.CEMS, List.of(cems), List.of(), List.of()), well(invalid)));

        // THEN it commits, and owes the point rules nothing
        assertThat(written.stored()).isEqualTo(2);
        assertThat(written.due()).isEmpty();
        assertThat(db.count("SELECT count(*) FROM point_rule_due")).isZero();
        assertThat(db.count("SELECT count(*) FROM cems_reading") + db.count("SELECT count(*) FROM well_reading"))
                .isEqualTo(2);
    }

    private static Outcome well(Reading... readings) {
        return new Outcome(raw(), "json", SampleRegistry.WELL, List.of(readings), List.of(), List.of());
    }

    private static Reading flow(Instant t, double m3h) {
        return new Reading(
                Family.WELL,
                SampleRegistry.WELL,
                "flow",
                t,
                Period.REALTIME,
                Statistic.VALUE,
                m3h,
                DataFlag.N,
                true,
                null);
    }

    private static Reading level(Instant t, double m) {
        return new Reading(
                Family.WELL,
                SampleRegistry.WELL,
                "gw_level",
                t,
                Period.REALTIME,
                Statistic.VALUE,
                m,
                DataFlag.N,
                true,
                null);
    }

    private static RawMessage raw() {
        return new RawMessage("t", new byte[0], Instant.now(), null, stored -> {});
    }
}
