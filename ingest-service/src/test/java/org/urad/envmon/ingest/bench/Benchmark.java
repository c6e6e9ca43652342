package org.urad.envmon.ingest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.urad.envmon.ingest.bench.Messages.Format;
import org.urad.envmon.ingest.inbound.tcp.TerminalProtocol;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.MosquittoTestBroker;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SyntheticRegistry;
import org.urad.envmon.ingest.support.TestBroker;

/**
 * Throughput benchmark, all stages in one run so that the figures compare as ratios: the broker's and the
 * database's ceilings, the service end to end (JSON and HJ 212, 1 and 10 readings per message), a naive
 * subscriber, 1k against 100k devices. Starts its own mosquitto with the project's configuration; uses
 * the PostgreSQL of {@code INGEST_TEST_JDBC_URL} (else the test default). Prints a markdown table.
 *
 * <pre>
 * ./mvnw -B -pl ingest-service -Pbenchmark test -Dbenchmark.args="--quick"
 * options: --quick (10 s per stage) | --duration=SECONDS (default 60) | --publishers=N (default 2)
 *          --notify-only (only reading → webhook)
 *          --devices=N (default 1000) | --many-devices=N (default 100000)
 *          --soak --soak-minutes=N … (only the soak, {@link Soak})
 * </pre>
 */
public final class Benchmark {

    private record Row(String figure, String value, String target, String ratio, String met) {}

    private final List<Row> rows = new ArrayList<>();
    private final StageTable stageTable = new StageTable();

    private static final int TERMINAL_LINKS = 4;

    public static void main(String[] args) throws Exception {
        if (Soak.wanted(args)) {
            System.exit(Soak.run(args));
        }
        Duration duration = Duration.ofSeconds(60);
        int publishers = 2;
        int devices = 1000;
        int manyDevices = 100_000;
        boolean lateDataOnly = false;
        boolean terminalsOnly = false;
        boolean notifyOnly = false;
        for (String a : String.join(" ", args).split("\\s+")) {
            if (a.equals("--quick")) {
                duration = Duration.ofSeconds(10);
            } else if (a.startsWith("--duration=")) {
                duration = Duration.ofSeconds(Long.parseLong(a.substring(11)));
            } else if (a.startsWith("--publishers=")) {
                publishers = Integer.parseInt(a.substring(13));
            } else if (a.startsWith("--devices=")) {
                devices = Integer.parseInt(a.substring(10));
            } else if (a.equals("--terminals-only")) {
                terminalsOnly = true;
            } else if (a.equals("--notify-only")) {
                notifyOnly = true;
            } else if (a.equals("--late-data-only")) {
                lateDataOnly = true;
            } else if (a.startsWith("--many-devices=")) {
                manyDevices = Integer.parseInt(a.substring(15));
            } else if (a.equals("--import-only")) {
                importStage(devices);
                System.exit(0);
            } else if (!a.isBlank()) {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        Benchmark benchmark = new Benchmark();
        if (terminalsOnly) {
            benchmark.terminalsOnly(devices, duration);
            benchmark.print(duration, publishers, devices);
        } else if (notifyOnly) {
            benchmark.notifyOnly(publishers, devices, duration);
            benchmark.print(duration, publishers, devices);
        } else if (lateDataOnly) {
            benchmark.lateData(Math.min(devices, 200), duration);
            benchmark.print(duration, publishers, devices);
        } else {
            benchmark.run(duration, publishers, devices, manyDevices);
        }
        System.exit(0);
    }

    /** The import command's path: 1,000 days of daily flows of {@code wells} wells from one CSV. */
    private static ImportSpeed.Result importStage(int wells) throws Exception {
        ImportSpeed.Result r = ImportSpeed.run(wells, 1000);
        log(
                "import: %d rows at %.0f rows/s (%.1f s), %.1f s with the catch-up",
                r.rows(), r.rowsPerSecond(), r.importSeconds(), r.totalSeconds());
        return r;
    }

    private void run(Duration d, int publisherCount, int devices, int manyDevices) throws Exception {
        String binary = System.getenv().getOrDefault("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto");
        try (TestBroker broker = MosquittoTestBroker.launch(Path.of(binary), TestBroker.projectMosquittoConfig())) {
            LoadPublishers publishers = new LoadPublishers(broker.url(), publisherCount);
            RegistrySnapshot registry = SyntheticRegistry.create(devices, devices);
            log(
                    "%d s per stage, %d publishers, %d devices, broker %s",
                    d.toSeconds(), publisherCount, devices, broker.url());

            double brokerCeiling = brokerCeiling(broker.url(), publishers, devices, d);
            log("broker only: %.0f messages/s", brokerCeiling);
            double copyCeiling = CopyCeiling.run(devices, d);
            log("COPY only: %.0f readings/s", copyCeiling);
            importStage(devices);
            ServiceStage stage = new ServiceStage(broker.url(), publishers);
            ServiceStage.Result json1 = service(stage, Format.JSON, devices, 1, registry, d);
            ServiceStage.Result json10 = service(stage, Format.JSON, devices, 10, registry, d);
            ServiceStage.Result hj1 = service(stage, Format.HJ212, devices, 1, registry, d);
            ServiceStage.Result hj10 = service(stage, Format.HJ212, devices, 10, registry, d);
            ServiceStage.Result many =
                    service(stage, Format.JSON, manyDevices, 1, SyntheticRegistry.create(manyDevices, 0), d);
            double naive = naive(broker.url(), publishers, devices, d);
            log("naive subscriber: %.0f readings/s", naive);

            rows.add(new Row("broker only (ack-only subscriber), msg/s", n(brokerCeiling), "", "", ""));
            rows.add(new Row("COPY only (BatchWriter, 5k rows), readings/s", n(copyCeiling), "", "", ""));
            rows.add(new Row("naive (INSERT + commit per reading), readings/s", n(naive), "", "", ""));
            ratio("service JSON ×1, msg/s", json1.messagesPerSecond(), brokerCeiling, 0.9, "of broker ceiling");
            ratio("service HJ 212 ×1, msg/s", hj1.messagesPerSecond(), brokerCeiling, 0.9, "of broker ceiling");
            ratio("service JSON ×10, readings/s", json10.readingsPerSecond(), copyCeiling, 0.5, "of COPY ceiling");
            ratio("service HJ 212 ×10, readings/s", hj10.readingsPerSecond(), copyCeiling, 0.5, "of COPY ceiling");
            ratio("service JSON ×1 vs naive, readings/s", json1.readingsPerSecond(), naive, 8, "× naive");
            ratio("service JSON ×10 vs naive, readings/s", json10.readingsPerSecond(), naive, 8, "× naive");
            ratio(
                    "service JSON ×1, " + manyDevices + " devices, msg/s",
                    many.messagesPerSecond(),
                    json1.messagesPerSecond(),
                    0,
                    "of " + devices + " devices");
            for (var e : List.of(
                    new Object[] {"JSON ×1", json1},
                    new Object[] {"JSON ×10", json10},
                    new Object[] {"HJ 212 ×1", hj1},
                    new Object[] {"HJ 212 ×10", hj10})) {
                details((String) e[0], (ServiceStage.Result) e[1]);
            }
            lateData(Math.min(devices, 200), d);
            terminals(broker.url(), devices, d);
            notifications(broker.url(), publishers, devices, d);
            rows.add(new Row(
                    "database size per million readings (well_reading, JSON ×1), MB",
                    "%.0f".formatted(json1.bytesPerMillion() / 1024 / 1024),
                    "",
                    "",
                    ""));
            print(d, publisherCount, devices);
        }
    }

    /** Only the SZY 206 and SL 651 listener stages, with a broker of their own (the pipeline needs one). */
    private void terminalsOnly(int devices, Duration d) throws Exception {
        String binary = System.getenv().getOrDefault("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto");
        try (TestBroker broker = MosquittoTestBroker.launch(Path.of(binary), TestBroker.projectMosquittoConfig())) {
            terminals(broker.url(), devices, d);
        }
    }

    /**
     * The SZY 206 and SL 651 listeners: {@value #TERMINAL_LINKS} TCP links carrying the frames of {@code devices}
     * terminals, as fast as the confirmations (sent after commit) come back.
     */
    private void terminals(String brokerUrl, int devices, Duration d) throws Exception {
        TerminalStage stage = new TerminalStage(brokerUrl);
        for (TerminalProtocol protocol : TerminalProtocol.values()) {
            TerminalStage.Result r = stage.run(protocol, devices, TERMINAL_LINKS, d);
            log("service %s over TCP, %d terminals: %s", protocol, devices, r);
            String name = protocol == TerminalProtocol.SZY206 ? "SZY 206" : "SL 651";
            rows.add(new Row(
                    "service " + name + " over TCP (" + TERMINAL_LINKS + " links), frames/s to commit",
                    n(r.framesPerSecond()),
                    "",
                    "",
                    ""));
            rows.add(new Row(
                    name + ": unconfirmed (sent − confirmed) / lost (expected − stored readings)",
                    n(r.sent() - r.confirmed()) + " / " + n(r.expectedReadings() - r.readingsStored()),
                    "0 / 0",
                    "",
                    met(r.sent() == r.confirmed() && r.expectedReadings() == r.readingsStored())));
        }
    }

    /** Only the reading → person stage, with a broker of its own. */
    private void notifyOnly(int publisherCount, int devices, Duration d) throws Exception {
        String binary = System.getenv().getOrDefault("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto");
        try (TestBroker broker = MosquittoTestBroker.launch(Path.of(binary), TestBroker.projectMosquittoConfig())) {
            notifications(broker.url(), new LoadPublishers(broker.url(), publisherCount), devices, d);
        }
    }

    /**
     * Reading → person: breaching readings among normal traffic, publish → webhook per alert (point rule), and
     * one device falling silent (windowed rule), condition → webhook.
     */
    private void notifications(String brokerUrl, LoadPublishers publishers, int devices, Duration d) throws Exception {
        int breaches = (int) Math.max(20, d.toSeconds());
        NotifyStage.Result r = NotifyStage.run(brokerUrl, publishers, devices, breaches, d);
        log("reading → webhook: %s", r);
        String point = "reading → webhook, point rule GW_READING_BELOW_CONTROL_LEVEL";
        rows.add(new Row(
                point + ": received / breaches published",
                r.received() + " / " + r.breaches(),
                "all",
                "",
                met(r.received() == r.breaches())));
        rows.add(new Row(point + ": p50, ms", n(r.p50Millis()), "", "", ""));
        rows.add(new Row(point + ": p99, ms", n(r.p99Millis()), "≤ 5,000", "", met(r.p99Millis() <= 5000)));
        rows.add(new Row(
                "reading → webhook, windowed rule DEVICE_SILENT: condition holds → webhook (→ alert opened), s",
                "%.1f (%.1f)".formatted(r.silentSeconds(), r.silentOpenedSeconds()),
                "",
                "",
                ""));
    }

    /** Late data: COPY into live hours and into materialised history, trigger on and off, and the refresh. */
    private void lateData(int devices, Duration d) throws Exception {
        LateData.Result r = LateData.run(devices, d);
        log("late data on %s: %s", r.engine(), r);
        String on = " (" + r.engine() + ")";
        rows.add(new Row(
                "COPY into live hours, trigger on" + on + ", readings/s", n(r.liveReadingsPerSecond()), "", "", ""));
        ratio(
                "COPY into materialised history, trigger on" + on + ", readings/s",
                r.lateReadingsPerSecond(),
                r.lateWithoutTriggerReadingsPerSecond(),
                0,
                "of trigger off");
        rows.add(new Row(
                "COPY into materialised history, trigger off" + on + ", readings/s",
                n(r.lateWithoutTriggerReadingsPerSecond()),
                "",
                "",
                ""));
        rows.add(new Row(
                "refresh after " + n(r.lateReadings()) + " late readings (" + r.lateBuckets() + " buckets)" + on
                        + ", s",
                "%.2f".formatted(r.refreshSeconds()),
                "",
                "",
                ""));
        rows.add(new Row(
                "refresh with nothing late" + on + ", s", "%.2f".formatted(r.idleRefreshSeconds()), "", "", ""));
    }

    private void details(String name, ServiceStage.Result r) {
        rows.add(new Row(
                name + ": lost (published − stored readings)",
                n(r.published() * (name.endsWith("×10") ? 10 : 1) - r.stored()),
                "0",
                "",
                met(r.published() * (name.endsWith("×10") ? 10 : 1) == r.stored())));
        rows.add(new Row(name + ": p50 publish→commit at 50 % load, ms", "%.0f".formatted(r.p50Millis()), "", "", ""));
        rows.add(new Row(
                name + ": p99 publish→commit at 50 % load, ms",
                "%.0f".formatted(r.p99Millis()),
                "≤ 250",
                "",
                met(r.p99Millis() <= 250)));
        rows.add(new Row(
                name + ": CPU per message (service threads), µs",
                "%.1f".formatted(r.cpuMicrosPerMessage()),
                "≤ 25",
                "",
                met(r.cpuMicrosPerMessage() <= 25)));
        rows.add(new Row(
                name + ": heap after GC under load (whole JVM), MB",
                "%.0f".formatted(r.heapMb()),
                "≤ 256",
                "",
                met(r.heapMb() <= 256)));
        latencyEvidence(name, r.latency());
    }

    /** The ×1 runs' latency windows: stage by stage (a table of its own) and what may explain their tail. */
    private void latencyEvidence(String name, ServiceStage.Latency l) {
        if (!name.endsWith("×1")) {
            return;
        }
        stageTable.add(name, l);
        var gc = l.tail().gc();
        var cp = l.tail().checkpoints();
        rows.add(new Row(
                name + ": latency window, GC pauses (count / total / longest, ms)",
                gc.collections() + " / " + gc.totalMillis() + " / " + gc.maxPauseMillis(),
                "",
                "",
                ""));
        rows.add(new Row(
                name + ": latency window, checkpoints (timed / requested / buffers written)",
                cp.timed() + " / " + cp.requested() + " / " + n(cp.buffersWritten()),
                "",
                "",
                ""));
        rows.add(new Row(
                name + ": latency window, batches (count / mean / p99 size, mean interval ms, p99 flush ms)",
                "%d / %.0f / %.0f, %.0f, %.0f"
                        .formatted(
                                l.batches(), l.meanBatch(), l.p99Batch(), l.flushIntervalMillis(), l.p99FlushMillis()),
                "",
                "",
                ""));
    }

    private void ratio(String figure, double value, double reference, double target, String of) {
        double r = value / reference;
        String ratio = of.startsWith("×") ? "%.1f %s".formatted(r, of) : "%.0f %% %s".formatted(100 * r, of);
        String goal = target == 0
                ? ""
                : of.startsWith("×") ? "≥ %.0f%s".formatted(target, of) : "≥ %.0f %%".formatted(100 * target);
        rows.add(new Row(figure, n(value), goal, ratio, target == 0 ? "" : met(r >= target)));
    }

    private static ServiceStage.Result service(
            ServiceStage stage, Format format, int devices, int k, RegistrySnapshot registry, Duration d)
            throws Exception {
        Messages messages = new Messages(Pipelines.uniquePrefix(), format, devices, k);
        ServiceStage.Result r = stage.run(messages, registry, d);
        log("service %s ×%d, %d devices: %s", format, k, devices, r);
        return r;
    }

    private static double brokerCeiling(String url, LoadPublishers publishers, int devices, Duration d)
            throws Exception {
        Messages messages = new Messages(Pipelines.uniquePrefix(), Format.JSON, devices, 1);
        try (Subscribers.Counting sub = Subscribers.ackOnly(url, messages.prefix() + "/#")) {
            long start = System.nanoTime();
            publishers.run(messages, d, 0);
            return sub.messages() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static double naive(String url, LoadPublishers publishers, int devices, Duration d) throws Exception {
        Messages messages = new Messages(Pipelines.uniquePrefix(), Format.JSON, devices, 1);
        try (MigratedDatabase db = MigratedDatabase.create("bench_naive");
                Subscribers.Counting sub = Subscribers.naive(url, messages.prefix() + "/#", db.dataSource())) {
            long start = System.nanoTime();
            publishers.run(messages, d, 0);
            return sub.messages() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private void print(Duration d, int publisherCount, int devices) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\n| figure | value | target | ratio | met? |\n|---|---:|---|---|---|\n");
        for (Row r : rows) {
            out.append("| %s | %s | %s | %s | %s |\n".formatted(r.figure(), r.value(), r.target(), r.ratio(), r.met()));
        }
        out.append("\n%d s per stage, %d publisher clients, %d devices, %d processors, max heap %d MB\n"
                .formatted(
                        d.toSeconds(),
                        publisherCount,
                        devices,
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() / 1024 / 1024));
        out.append(stageTable.markdown());
        System.out.println(out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark.md"), out);
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static void log(String format, Object... args) {
        System.out.println("benchmark: " + format.formatted(args));
    }
}
