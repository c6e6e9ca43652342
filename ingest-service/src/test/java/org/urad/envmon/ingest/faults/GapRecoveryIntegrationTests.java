package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.extract.ExtractProperties;
import org.urad.envmon.ingest.extract.Extractor;
import org.urad.envmon.ingest.extract.Indicator;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.inbound.tcp.HistoryRecovery;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpListener;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpSettings;
import org.urad.envmon.ingest.inbound.tcp.RecoverySettings;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.RecoveryMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.simulator.Faults;
import org.urad.envmon.ingest.simulator.ScriptedBreaches;
import org.urad.envmon.ingest.simulator.SimulatedLogger;
import org.urad.envmon.ingest.simulator.Simulation;
import org.urad.envmon.ingest.store.CommittedBatches;
import org.urad.envmon.ingest.store.JdbcCommandLog;
import org.urad.envmon.ingest.store.StoredTimes;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that a two-hour outage of one water-quality monitor's link costs the day's effective transmission
 * rate (as the extract computes it) without gap recovery, and that with it the service asks the logger for
 * the missing hours (2051), stores them once, and the day is whole again.
 *
 * <p>GIVEN a simulated logger (the simulator's logger mode) reporting minute data hourly for a simulated day,
 * whose link is down from 10:00 to 12:00; the service's clock is the simulated one and its live max-age one
 * hour, so that the hours recovered at noon are older than live data may be. WHEN the link comes back THEN
 * with recovery off the day's rate is 22/24 and with it on every hour is stored exactly once, every request
 * asked only for the outage, and the command log shows the requests done.
 */
class GapRecoveryIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final String WATER_MN = "WQMN0000000000000000001";
    private static final String ROWS = "SELECT count(*) FROM water_quality_reading WHERE device_id = 'WQ-TEST'";

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final LocalDate day = LocalDate.now(SHANGHAI).minusDays(2);
    private final SimClock clock = new SimClock(at(0, 0));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private Hj212TcpListener listener;
    private SimulatedLogger logger;

    @AfterEach
    void tearDown() throws Exception {
        if (logger != null) {
            logger.close();
        }
        if (listener != null) {
            listener.stop();
        }
        if (pipeline != null) {
            pipeline.stop();
        }
        database.close();
    }

    @Test
    void withoutRecoveryTheOutageCostsTheDaysTransmissionRate() throws Exception {
        start(false);
        playTheDay();

        assertThat(db.count(ROWS)).isEqualTo(22 * 2);
        assertThat(logger.requests()).isEmpty();
        assertThat(transmissionRate())
                .isLessThanOrEqualTo(92.0)
                .isCloseTo(22 * 100.0 / 24, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(db.count("SELECT count(*) FROM monitor_command")).isZero();
    }

    @Test
    void withRecoveryTheMissingHoursAreAskedForOnceAndTheDayIsWhole() throws Exception {
        start(true);
        playTheDay();

        assertThat(db.awaitCount(WAIT, n -> n == 24 * 2, ROWS)).isEqualTo(24 * 2);
        assertThat(db.awaitCount(
                        WAIT,
                        n -> n > 0 && n == db.count("SELECT count(*) FROM monitor_command"),
                        "SELECT count(*) FROM monitor_command WHERE cn = '2051' AND outcome = 'succeeded'"))
                .isPositive();
        // every hour once: the natural key, and no request for an hour already stored
        assertThat(db.count("SELECT count(DISTINCT (parameter, ts)) FROM water_quality_reading"))
                .isEqualTo(24 * 2);
        assertThat(logger.recordsAnswered()).isEqualTo(2);
        for (Hj212Frame request : logger.requests()) {
            assertThat(request.cn()).isEqualTo("2051");
            assertThat(time(request, "BeginTime")).isAfter(at(9, 0)).isBeforeOrEqualTo(at(10, 0));
            assertThat(time(request, "EndTime")).isAfterOrEqualTo(at(11, 0)).isBefore(at(12, 0));
        }
        assertThat(transmissionRate()).isGreaterThanOrEqualTo(99.0);
        assertThat(db.strings("SELECT reason FROM monitor_command ORDER BY id"))
                .first()
                .asString()
                .matches("gap recovery \\((connection came back|periodic check)\\): BeginTime="
                        + Hj212Time.dataTime(at(9, 0).plusSeconds(1)) + ", EndTime=\\d{14}");
        assertThat(meters.counter(RecoveryMetrics.RECORDS_RECOVERED, "cn", "2051")
                        .count())
                .isEqualTo(2.0);
        assertThat(meters.counter(RecoveryMetrics.REQUESTS_ANSWERED, "cn", "2051")
                        .count())
                .isEqualTo(meters.counter(RecoveryMetrics.REQUESTS_SENT, "cn", "2051")
                        .count());
        assertThat(db.count("SELECT count(*) FROM quarantine")).isZero();
    }

    /** 00:00–09:00 live, 10:00 and 11:00 kept during the outage, 12:00–23:00 live again; each hour at hh:01. */
    private void playTheDay() throws Exception {
        logger.connect("127.0.0.1", listener.port());
        for (int h = 0; h < 24; h++) {
            clock.set(at(h, 1));
            if (h == 10) {
                logger.disconnect();
            }
            if (h == 12) {
                logger.connect("127.0.0.1", listener.port());
            }
            assertThat(logger.record(at(h, 0))).isTrue();
            if (logger.connected()) {
                int hour = h;
                db.awaitCount(WAIT, n -> n == 2, ROWS + " AND ts = ?", java.sql.Timestamp.from(at(hour, 0)));
            }
        }
        clock.set(at(24, 30));
        Thread.sleep(500); // a few recovery ticks after the day
    }

    private void start(boolean recovery) throws Exception {
        database = MigratedDatabase.create("gaprecovery");
        db = new Db(database.dataSource());
        insertMonitor();
        String prefix = Pipelines.uniquePrefix();
        IngestProperties p = Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix);
        IngestProperties liveHourOnly = new IngestProperties(
                p.mqtt(),
                p.buffer(),
                new IngestProperties.Limits(4096, 100, Duration.ofMinutes(10), Duration.ofHours(1), 0, 1, 10),
                p.hj212(),
                false);
        pipeline = new IngestPipeline(
                liveHourOnly,
                database.dataSource(),
                () -> registry,
                List.of(new JsonPayloadDecoder(), new Hj212Decoder()),
                new IngestMetrics(new SimpleMeterRegistry()),
                CommittedBatches.NONE,
                clock);
        pipeline.start();
        HistoryRecovery history = recovery
                ? new HistoryRecovery(
                        new RecoverySettings(
                                Duration.ofDays(3),
                                Duration.ofHours(12),
                                1,
                                3,
                                Duration.ofMillis(100),
                                Duration.ofDays(1),
                                Duration.ofMinutes(30)),
                        new StoredTimes(database.dataSource()),
                        new JdbcCommandLog(database.dataSource()),
                        new RecoveryMetrics(meters),
                        () -> registry,
                        clock)
                : null;
        listener = new Hj212TcpListener(
                new Hj212TcpSettings("127.0.0.1", 0, Duration.ofMinutes(10), 10, 3, Duration.ofSeconds(30)),
                pipeline.processor(),
                new TopicParser(prefix),
                () -> registry,
                clock,
                new IngestMetrics(new SimpleMeterRegistry()),
                null,
                new JdbcCommandLog(database.dataSource()),
                history);
        listener.start();
        Device device = registry.device(SampleRegistry.WATER).orElseThrow();
        Monitor monitor = registry.monitorByMn(WATER_MN).orElseThrow();
        logger = new SimulatedLogger(
                new Simulation(registry, 7, ScriptedBreaches.none(), Faults.none()), device, monitor, "32", clock);
    }

    /** The registered monitor as the extract reads it (the same as the pipeline's registry). */
    private void insertMonitor() {
        Device device = registry.device(SampleRegistry.WATER).orElseThrow();
        assertThat(device.family()).isEqualTo(Family.WATER_QUALITY);
        execute(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'water_quality', ?, ?::interval)",
                device.id(),
                device.name(),
                device.reportingInterval().toSeconds() + " seconds");
        execute(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet, mn) VALUES (?, 'water_quality', '测试污水处理厂', '总排口', ?)",
                device.id(),
                WATER_MN);
        execute(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_max, limit_value) VALUES"
                        + " (?, 'w01018', 'mg/L', 200, 50), (?, 'w01001', 'pH', 14, 9)",
                device.id(),
                device.id());
    }

    private void execute(String sql, Object... args) {
        try (java.sql.Connection c = database.dataSource().getConnection();
                java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The day's effective transmission rate as the extract computes it (item 31). */
    private double transmissionRate() {
        Extractor extractor =
                new Extractor(database.dataSource(), ExtractProperties.defaults(), Clock.fixed(at(48, 0), SHANGHAI));
        return extractor.extract(ReportPeriod.parse(day + ".." + day)).indicators().stream()
                .filter(i -> i.key().equals("wq_effective_transmission_rate")
                        && i.subject().equals(SampleRegistry.WATER))
                .map(Indicator::value)
                .findFirst()
                .orElseThrow();
    }

    private Instant at(int hour, int minute) {
        return day.atStartOfDay(SHANGHAI)
                .toInstant()
                .plus(Duration.ofHours(hour))
                .plus(Duration.ofMinutes(minute));
    }

    private static Instant time(Hj212Frame request, String key) throws DecodeException {
        return Hj212Time.parse(key, request.cpValue(key).orElseThrow());
    }

    /** The simulated time of the day, shared by the logger and the service. */
    private static final class SimClock extends Clock {
        private volatile Instant now;

        SimClock(Instant now) {
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
