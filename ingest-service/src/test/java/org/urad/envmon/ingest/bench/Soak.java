package org.urad.envmon.ingest.bench;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.extract.ExtractFiles;
import org.urad.envmon.ingest.extract.ExtractFormat;
import org.urad.envmon.ingest.extract.Extractor;
import org.urad.envmon.ingest.extract.Lang;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.RegistryService;
import org.urad.envmon.ingest.simulator.Faults;
import org.urad.envmon.ingest.simulator.LiveSimulator;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.simulator.ScriptedBreaches;
import org.urad.envmon.ingest.simulator.Simulation;
import org.urad.envmon.ingest.support.MosquittoTestBroker;
import org.urad.envmon.ingest.support.TestBroker;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Soak at the county's shape: the whole service (Spring Boot application in this JVM, on a fresh database)
 * behind its own mosquitto, fed by the simulator with every device of the built-in sample registry at its
 * reporting interval, time-accelerated; rules, aggregate refreshes, webhook notifications (to a local receiver
 * that counts them) and an extract every few minutes. The simulated clock starts at now − wall × speed and
 * runs at × speed, so it reaches now as the run ends: every reading is in the past and within the age limit.
 * The service's schedules (rule windows, status rules, aggregate refresh) are divided by the speed so that
 * they run as often per simulated day as they do in production.
 *
 * <pre>
 * --soak-minutes=N (wall minutes, default 30) | --soak-speed=S (default 60: a simulated day in 24 min)
 * --soak-sample=SECONDS (default 30) | --soak-extract-minutes=N (wall, default 2)
 * --soak-max-growth=PERCENT (heap after GC and RSS per simulated day over the second half; default 10)
 * </pre>
 */
final class Soak {

    record Options(Duration wall, double speed, Duration sample, Duration extractEvery, double maxGrowthPerDay) {

        static Options parse(String[] args) {
            Duration wall = Duration.ofMinutes(30);
            double speed = 60;
            Duration sample = Duration.ofSeconds(30);
            Duration extract = Duration.ofMinutes(2);
            double growth = 0.10;
            for (String a : String.join(" ", args).split("\\s+")) {
                String v = a.substring(a.indexOf('=') + 1);
                if (a.startsWith("--soak-minutes=")) {
                    wall = Duration.ofSeconds(Math.round(Double.parseDouble(v) * 60));
                } else if (a.startsWith("--soak-speed=")) {
                    speed = Double.parseDouble(v);
                } else if (a.startsWith("--soak-sample=")) {
                    sample = Duration.ofSeconds(Long.parseLong(v));
                } else if (a.startsWith("--soak-extract-minutes=")) {
                    extract = Duration.ofSeconds(Math.round(Double.parseDouble(v) * 60));
                } else if (a.startsWith("--soak-max-growth=")) {
                    growth = Double.parseDouble(v) / 100;
                } else if (!a.isBlank() && !a.equals("--soak")) {
                    throw new IllegalArgumentException("unknown soak option " + a);
                }
            }
            return new Options(wall, speed, sample, extract, growth);
        }

        /** A production schedule made as frequent per simulated day as it is per real day. */
        String scaled(Duration production) {
            return Math.max(200, Math.round(production.toMillis() / speed)) + "ms";
        }
    }

    private Soak() {}

    /** True if the benchmark's arguments ask for a soak. */
    static boolean wanted(String[] args) {
        return String.join(" ", args).contains("--soak");
    }

    /** Runs a soak; returns the exit status (1 when the trend failed). */
    static int run(String[] args) throws Exception {
        Options o = Options.parse(args);
        String binary = System.getenv().getOrDefault("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto");
        AtomicLong notifications = new AtomicLong();
        HttpServer webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            notifications.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        String jdbcUrl = TestServices.freshDatabase("soak");
        try (TestBroker broker = MosquittoTestBroker.launch(Path.of(binary), TestBroker.projectMosquittoConfig());
                ConfigurableApplicationContext service = start(o, jdbcUrl, broker.url(), webhook)) {
            return soak(o, service, broker.url(), notifications);
        } finally {
            webhook.stop(0);
        }
    }

    private static ConfigurableApplicationContext start(Options o, String jdbcUrl, String mqttUrl, HttpServer webhook) {
        SpringApplication app = new SpringApplication(IngestApplication.class);
        return app.run(
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=" + TestServices.user(),
                "--spring.datasource.password=" + TestServices.password(),
                "--ingest.embedded.enabled=false",
                "--ingest.mqtt.url=" + mqttUrl,
                "--ingest.mqtt.client-id=soak-" + UUID.randomUUID(),
                "--ingest.notify.channels[0].name=soak",
                "--ingest.notify.channels[0].type=webhook",
                "--ingest.notify.channels[0].url=http://127.0.0.1:"
                        + webhook.getAddress().getPort() + "/hook",
                "--ingest.rules.window-interval=" + o.scaled(Duration.ofMinutes(5)),
                "--ingest.rules.status-interval=" + o.scaled(Duration.ofMinutes(1)),
                "--ingest.rollups.refresh-interval=" + o.scaled(Duration.ofMinutes(5)),
                "--server.port=0");
    }

    private static int soak(Options o, ConfigurableApplicationContext service, String mqttUrl, AtomicLong notified)
            throws Exception {
        DataSource db = service.getBean(DataSource.class);
        MeterRegistry meters = service.getBean(MeterRegistry.class);
        Extractor extractor = service.getBean(Extractor.class);
        Registry registry = service.getBean(RegistryService.class).current();
        long brokerPid = ProcessHandle.current()
                .children()
                .filter(p -> p.info().command().orElse("").endsWith("mosquitto"))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(0);
        Instant simulatedStart = Instant.now()
                .minusSeconds(Math.round(o.wall().toSeconds() * o.speed()))
                .truncatedTo(ChronoUnit.SECONDS);
        var breaches = ScriptedBreaches.choose(registry, ScriptedBreaches.Kind.parse("all"), simulatedStart);
        log(
                "%d devices, ×%.0f for %d wall min (simulated %s → now), broker %s, engine %s",
                registry.devices().size(), o.speed(), o.wall().toMinutes(), simulatedStart, mqttUrl, engine(db));

        SoakProbe probe = new SoakProbe(db, brokerPid);
        List<SoakSample> samples = new ArrayList<>();
        double[] extractSeconds = {Double.NaN};
        try (MqttPublisher publisher = new MqttPublisher(mqttUrl, "soak-simulator-" + UUID.randomUUID(), 1)) {
            LiveSimulator live = new LiveSimulator(
                    new Simulation(registry, 1, breaches, Faults.typical()),
                    m -> publisher.publish(LiveSimulator.restamped(m, simulated(simulatedStart, m.time(), o.speed()))),
                    o.speed());
            Thread simulator = new Thread(
                    () -> {
                        try {
                            live.run(simulatedStart, o.wall());
                        } catch (Exception e) {
                            log("simulator stopped: %s", e);
                        }
                    },
                    "soak-simulator");
            long startNanos = System.nanoTime();
            simulator.start();
            long nextExtract = startNanos + o.extractEvery().toNanos();
            while (true) {
                long now = System.nanoTime();
                if (now >= nextExtract) {
                    extractSeconds[0] = extract(extractor);
                    nextExtract += o.extractEvery().toNanos();
                }
                double wall = (now - startNanos) / 1e9;
                SoakSample s = sample(probe, meters, wall, o.speed(), notified.get(), extractSeconds[0]);
                samples.add(s);
                log(
                        "%.1f min: sim %.1f h, CPU %.0f %%, RSS %.0f MB, heap after GC %.0f MB, %,d readings,"
                                + " %,d alerts, %,d notifications",
                        wall / 60,
                        s.simulatedDays() * 24,
                        s.serviceCpu(),
                        s.rssMb(),
                        s.heapAfterGcMb(),
                        s.readingsStored(),
                        s.alerts(),
                        s.notifications());
                if (!simulator.isAlive()) {
                    break;
                }
                long next = Math.min(
                        startNanos + o.wall().toNanos(), now + o.sample().toNanos());
                while (System.nanoTime() < next && simulator.isAlive()) {
                    Thread.sleep(200);
                }
                if (!simulator.isAlive()) {
                    publisher.awaitCompletion(Duration.ofSeconds(30));
                    Thread.sleep(2_000); // the last batch committed and judged
                }
            }
            log("published %,d messages", live.messages());
        }
        Trend heap = Trend.judge(series(samples, SoakSample::heapAfterGcMb), o.maxGrowthPerDay());
        Trend rss = Trend.judge(series(samples, SoakSample::rssMb), o.maxGrowthPerDay());
        String setting = String.format(
                Locale.ROOT,
                "sample registry, ×%.0f, %d wall min, sample every %d s, %d processors, max heap %d MB",
                o.speed(),
                o.wall().toMinutes(),
                o.sample().toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1024 / 1024);
        String report = SoakReport.markdown(samples, setting, heap, rss, o.maxGrowthPerDay(), engine(db));
        System.out.println(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(
                Path.of("target", "benchmark.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return SoakReport.failed(heap, rss) ? 1 : 0;
    }

    /**
     * The simulated time of a message {@link LiveSimulator} stamped {@code stamp}: it stamps k intervals / speed
     * after the start what the world is k intervals after it; the soak stamps the world's time.
     */
    static Instant simulated(Instant start, Instant stamp, double speed) {
        long nanos = Duration.between(start, stamp).toNanos();
        return start.plusSeconds(Math.round(nanos * speed / 1e9));
    }

    private static SoakSample sample(
            SoakProbe probe, MeterRegistry meters, double wall, double speed, long notified, double extract)
            throws Exception {
        double[] cpu = probe.cpu();
        Counter stored = meters.find(IngestMetrics.READINGS_STORED).counter();
        return new SoakSample(
                wall,
                wall * speed / 86_400,
                cpu[0],
                cpu[1],
                cpu[2],
                SoakProbe.rssMb(),
                SoakProbe.heapAfterGcMb(),
                probe.sizes(),
                stored == null ? 0 : (long) stored.count(),
                probe.count("SELECT count(*) FROM alert"),
                notified,
                extract);
    }

    /** This month's extract as the API serves it (XLSX, Chinese); seconds. */
    private static double extract(Extractor extractor) throws Exception {
        long start = System.nanoTime();
        var report = extractor.extract(
                ReportPeriod.parse(YearMonth.now(ReportPeriod.ZONE).toString()));
        ExtractFiles.download(report, ExtractFormat.of("xlsx"), Lang.of("zh"));
        double seconds = (System.nanoTime() - start) / 1e9;
        log("extract: %.2f s", seconds);
        return seconds;
    }

    private static List<Trend.Point> series(
            List<SoakSample> samples, java.util.function.ToDoubleFunction<SoakSample> value) {
        return samples.stream()
                .map(s -> new Trend.Point(s.simulatedDays(), value.applyAsDouble(s)))
                .toList();
    }

    private static String engine(DataSource db) throws Exception {
        try (var c = db.getConnection();
                var rs = c.createStatement()
                        .executeQuery("SELECT count(*) FROM pg_extension WHERE extname = 'timescaledb'")) {
            rs.next();
            return rs.getLong(1) > 0 ? "TimescaleDB" : "PostgreSQL";
        }
    }

    private static void log(String format, Object... args) {
        System.out.println("soak: " + String.format(Locale.ROOT, format, args));
    }
}
