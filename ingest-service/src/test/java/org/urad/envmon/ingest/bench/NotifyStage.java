package org.urad.envmon.ingest.bench;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.notify.Notifier;
import org.urad.envmon.ingest.notify.NotifyProperties;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Well;
import org.urad.envmon.ingest.rules.AlertEventLog;
import org.urad.envmon.ingest.rules.AlertTracker;
import org.urad.envmon.ingest.rules.CommittedBatchRules;
import org.urad.envmon.ingest.rules.GroundwaterData;
import org.urad.envmon.ingest.rules.GroundwaterQuarters;
import org.urad.envmon.ingest.rules.PeriodicRules;
import org.urad.envmon.ingest.rules.QuarterClock;
import org.urad.envmon.ingest.rules.RuleCatalogue;
import org.urad.envmon.ingest.rules.RuleRunner;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.rules.WindowScheduler;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SyntheticRegistry;
import org.urad.envmon.ingest.support.TestPublisher;

/**
 * Reading → person: the service with its rules and notifier, the notifier's one channel a generic webhook served
 * by this JVM. Among normal traffic ({@code flow} of the synthetic wells) control wells send one level each below
 * their control level (GW_READING_BELOW_CONTROL_LEVEL, a point rule); each alert's time from the publish to the
 * webhook's receipt is measured. One device that reports every {@value #SILENT_INTERVAL_SECONDS} s falls silent
 * (DEVICE_SILENT, judged by the status pass every {@code ingest.rules.status-interval}); its figure runs from the
 * moment the rule's condition holds to the receipt. Notifier and rules at their deployed defaults.
 */
final class NotifyStage {

    /**
     * @param silentSeconds DEVICE_SILENT: condition holds → webhook (NaN if it never came)
     * @param silentOpenedSeconds of which condition holds → the alert opened by a status pass
     * @param statusPasses when the status passes ran, seconds after the condition held
     */
    record Result(
            int breaches,
            int received,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double silentSeconds,
            double silentOpenedSeconds,
            List<Double> statusPasses) {}

    static final int SILENT_INTERVAL_SECONDS = 5;
    private static final String ZONE = "ZONE-BENCH";
    private static final String VILLAGE = "V-BENCH";
    private static final double CONTROL_LEVEL_M = 1000.0;
    private static final String SILENT = "S000001";
    private static final Pattern FIELD = Pattern.compile("\"(rule_id|subject_id)\"\\s*:\\s*\"([^\"]*)\"");
    /** Deployed defaults of {@code ingest.rules.*} ({@link RulesProperties}). */
    private static final RulesProperties RULES = new RulesProperties(
            "classpath:rules/rule-set.json",
            Duration.ofMinutes(5),
            Duration.ofMinutes(5),
            ZoneId.of("Asia/Shanghai"),
            Duration.ofDays(1100),
            1000,
            Duration.ofMinutes(1),
            Duration.ofDays(3),
            true,
            Duration.ofDays(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2));

    private NotifyStage() {}

    static String controlWell(int n) {
        return "K%06d".formatted(n);
    }

    static Result run(String brokerUrl, LoadPublishers publishers, int wells, int breaches, Duration duration)
            throws Exception {
        Map<String, Long> receivedAt = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        receiver.createContext("/hook", exchange -> {
            long now = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = FIELD.matcher(body);
            String rule = null;
            String subject = null;
            while (m.find()) {
                if (m.group(1).equals("rule_id")) {
                    rule = m.group(2);
                } else {
                    subject = m.group(2);
                }
            }
            receivedAt.putIfAbsent(rule + "/" + subject, now);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
        try (MigratedDatabase db = MigratedDatabase.create("bench_notify")) {
            JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
            seed(jdbc, breaches);
            RegistrySnapshot registry = registry(wells, breaches);
            Clock clock = Clock.systemUTC();
            RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
            NotifyProperties notify = NotifyProperties.of(List.of(new NotifyProperties.Channel(
                    "bench",
                    "webhook",
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))));
            Notifier notifier = new Notifier(notify, db.dataSource(), metrics, new AlertEventLog(jdbc), clock).start();
            RuleRunner runner = new RuleRunner(
                    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                    new AlertTracker(jdbc, metrics, clock, RULES.zone()),
                    notifier,
                    clock,
                    RULES.notifyWithin());
            RuleCatalogue catalogue = new RuleCatalogue(jdbc);
            try (var in = NotifyStage.class.getResourceAsStream("/rules/rule-set.json")) {
                String problem = catalogue.load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath");
                if (problem != null) {
                    throw new IllegalStateException(problem);
                }
            }
            QuarterClock quarters = new QuarterClock(RULES.zone());
            WindowScheduler windows = new WindowScheduler(
                    jdbc,
                    runner,
                    new GroundwaterQuarters(
                            new GroundwaterData(jdbc, RULES.zone()), () -> registry, catalogue::current, quarters),
                    quarters,
                    clock,
                    RULES.groundwaterBackfill(),
                    metrics);
            PeriodicRules periodic = new PeriodicRules(
                    jdbc,
                    windows,
                    catalogue::current,
                    clock,
                    RULES.zone(),
                    RULES.monitorBackfill(),
                    RULES.provisional(),
                    metrics);
            CommittedBatchRules pointRules = new CommittedBatchRules(
                    jdbc,
                    runner,
                    windows,
                    () -> registry,
                    catalogue::current,
                    metrics,
                    RULES.zone(),
                    clock,
                    RULES.batchQueue());
            String prefix = Pipelines.uniquePrefix();
            IngestPipeline pipeline = new IngestPipeline(
                    Pipelines.properties(
                            brokerUrl, "bench-notify-" + UUID.randomUUID(), prefix, null, Pipelines.SERVICE_BUFFER),
                    db.dataSource(),
                    () -> registry,
                    List.of(new org.urad.envmon.ingest.decode.json.JsonPayloadDecoder()),
                    new org.urad.envmon.ingest.metrics.IngestMetrics(new SimpleMeterRegistry()),
                    pointRules,
                    clock);
            pipeline.start();
            long interval = RULES.statusInterval().toMillis();
            List<Long> passes = new java.util.concurrent.CopyOnWriteArrayList<>();
            schedule.scheduleWithFixedDelay(
                    () -> {
                        passes.add(System.currentTimeMillis());
                        periodic.runStatus();
                    },
                    interval,
                    interval,
                    TimeUnit.MILLISECONDS);
            try (TestPublisher publisher = new TestPublisher(brokerUrl)) {
                // the silent device speaks once, then never again
                publisher.publishStamped(topic(prefix, SILENT), reading(SILENT, "flow", 10, 1));
                Thread traffic = new Thread(
                        () -> {
                            try {
                                publishers.run(new Messages(prefix, Messages.Format.JSON, wells, 1), duration, 200);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "bench-notify-traffic");
                traffic.start();
                Map<String, Long> publishedAt = new ConcurrentHashMap<>();
                long gap = duration.toMillis() / breaches;
                for (int i = 1; i <= breaches; i++) {
                    String well = controlWell(i);
                    publishedAt.put("GW_READING_BELOW_CONTROL_LEVEL/" + well, System.currentTimeMillis());
                    publisher.publishStamped(topic(prefix, well), reading(well, "gw_level", CONTROL_LEVEL_M - 5, 1));
                    Thread.sleep(gap);
                }
                traffic.join();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (System.nanoTime() < deadline && !receivedAt.keySet().containsAll(publishedAt.keySet())) {
                    Thread.sleep(100);
                }
                // DEVICE_SILENT holds once exactly 3 intervals passed since the last contact (device_silence,
                // no whole minutes); the status pass then has to come round
                Instant last = jdbc.queryForObject(
                                "SELECT max(received_at) FROM well_reading WHERE device_id = ?",
                                Timestamp.class,
                                SILENT)
                        .toInstant();
                Duration allowed = Duration.ofSeconds(3L * SILENT_INTERVAL_SECONDS);
                Instant holds = last.plus(allowed);
                String silentKey = "DEVICE_SILENT/" + SILENT;
                long silentDeadline = holds.toEpochMilli() + 3 * interval + 60_000;
                while (System.currentTimeMillis() < silentDeadline && !receivedAt.containsKey(silentKey)) {
                    Thread.sleep(200);
                }
                List<Long> lags = new ArrayList<>();
                publishedAt.forEach((k, t) -> {
                    Long r = receivedAt.get(k);
                    if (r != null) {
                        lags.add(r - t);
                    }
                });
                lags.sort(null);
                Long silentAt = receivedAt.get(silentKey);
                Timestamp opened = jdbc
                        .queryForList(
                                "SELECT opened_at FROM alert WHERE rule_id = 'DEVICE_SILENT' AND subject_id = ?",
                                Timestamp.class,
                                SILENT)
                        .stream()
                        .findFirst()
                        .orElse(null);
                return new Result(
                        breaches,
                        lags.size(),
                        percentile(lags, 0.5),
                        percentile(lags, 0.99),
                        lags.isEmpty() ? Double.NaN : lags.get(lags.size() - 1),
                        silentAt == null ? Double.NaN : (silentAt - holds.toEpochMilli()) / 1000.0,
                        opened == null ? Double.NaN : (opened.getTime() - holds.toEpochMilli()) / 1000.0,
                        passes.stream()
                                .map(t -> (t - holds.toEpochMilli()) / 1000.0)
                                .toList());
            } finally {
                schedule.shutdownNow();
                pipeline.stop();
                pointRules.close();
                notifier.close();
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
    }

    private static String topic(String prefix, String device) {
        return prefix + "/well/" + device + "/json";
    }

    private static String reading(String device, String parameter, double value, long seq) {
        return "{\"v\":1,\"device\":\"" + device + "\",\"seq\":" + seq + ",\"readings\":[{\"param\":\"" + parameter
                + "\",\"value\":" + value + ",\"time\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}]}";
    }

    /** The devices the status pass watches (it reads the tables): the control wells and the silent device. */
    private static void seed(JdbcTemplate jdbc, int controlWells) {
        jdbc.update("INSERT INTO zone (id, name) VALUES (?, '基准区')", ZONE);
        jdbc.update(
                "INSERT INTO village (id, name, zone_id, annual_allocation_m3) VALUES (?, '基准村', ?, 1000000)",
                VILLAGE,
                ZONE);
        for (int i = 1; i <= controlWells; i++) {
            jdbc.update(
                    "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, '1 day')",
                    controlWell(i),
                    "控制井" + i);
            jdbc.update(
                    "INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type,"
                            + " is_control_well, control_level_m) VALUES (?, ?, ?, 30000, 'em', true, ?)",
                    controlWell(i),
                    VILLAGE,
                    ZONE,
                    CONTROL_LEVEL_M);
        }
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', '静默井', ?::interval)",
                SILENT,
                SILENT_INTERVAL_SECONDS + " seconds");
        jdbc.update(
                "INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type)"
                        + " VALUES (?, ?, ?, 30000, 'em')",
                SILENT,
                VILLAGE,
                ZONE);
    }

    /** The synthetic wells (normal traffic), the control wells and the silent device. */
    private static RegistrySnapshot registry(int wells, int controlWells) {
        List<Device> devices = new ArrayList<>();
        List<Well> wellList = new ArrayList<>();
        for (int i = 1; i <= wells; i++) {
            devices.add(new Device(
                    SyntheticRegistry.well(i), Family.WELL, "well " + i, Duration.ofMinutes(1), null, null, true));
            wellList.add(new Well(SyntheticRegistry.well(i), VILLAGE, ZONE, 30000, "em", false, null));
        }
        for (int i = 1; i <= controlWells; i++) {
            devices.add(new Device(controlWell(i), Family.WELL, "控制井" + i, Duration.ofDays(1), null, null, true));
            wellList.add(new Well(controlWell(i), VILLAGE, ZONE, 30000, "em", true, CONTROL_LEVEL_M));
        }
        devices.add(
                new Device(SILENT, Family.WELL, "静默井", Duration.ofSeconds(SILENT_INTERVAL_SECONDS), null, null, true));
        wellList.add(new Well(SILENT, VILLAGE, ZONE, 30000, "em", false, null));
        List<ParameterSpec> parameters = List.of(
                new ParameterSpec(Family.WELL, "flow", "瞬时流量", "pumping flow", "m3/h", 0.0, 2000.0, null),
                new ParameterSpec(Family.WELL, "gw_level", "地下水水位", "groundwater level", "m", -500.0, 9000.0, null));
        return new RegistrySnapshot(devices, parameters, wellList, List.of(), List.of(), List.of());
    }
}
