package org.urad.envmon.ingest.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
 * subscriber, each ratio from interleaved pairs; 1k against 100k devices; the import; late data; the TCP
 * terminals. Starts its own mosquitto with the project's configuration; uses the PostgreSQL of
 * {@code INGEST_TEST_JDBC_URL} (else the test default). Prints a markdown table.
 *
 * <pre>
 * ./mvnw -B -pl ingest-service -Pbenchmark test -Dbenchmark.args="--quick"
 * options: --quick (10 s per stage) | --duration=SECONDS (default 60) | --publishers=N (default 2)
 *          --devices=N (default 1000) | --many-devices=N (default 100000)
 *          --pairs=N (default 3) | --pair-duration=SECONDS (default a third of --duration, at least 5)
 *          --max-wait=MILLIS (the flusher's ingest.buffer.max-wait for the service stages; default the shipped one)
 *          --compare-max-wait=MILLIS (each ×1 latency window timed again, same round and rate, with this max-wait)
 *          --stages=throughput,import,many-devices,late-data,terminals (default all)
 *          --import-only | --terminals-only | --late-data-only | --notify-only (one stage, as --stages=)
 *          --soak --soak-minutes=N … (only the soak, {@link Soak})
 *          --panels --panels-jdbc=URL … (only the dashboard panels' query times on an existing database, {@link Panels})
 * </pre>
 */
public final class Benchmark {

    private record Row(String figure, String value, String target, String ratio, String met) {}

    /** What one run measures, from the command line. */
    private record Options(
            Duration duration,
            Duration pairDuration,
            int pairs,
            int publishers,
            int devices,
            int manyDevices,
            Set<String> stages,
            Duration maxWait,
            Duration compareMaxWait) {}

    /** The stages {@code --stages=} selects, in the order they run. */
    static final List<String> STAGES =
            List.of("throughput", "import", "many-devices", "late-data", "terminals", "notify");

    private static final int MIN_PAIR_SECONDS = 5;

    private final List<Row> rows = new ArrayList<>();
    private final StageTable stageTable = new StageTable();

    private static final int TERMINAL_LINKS = 4;

    public static void main(String[] args) throws Exception {
        if (Soak.wanted(args)) {
            System.exit(Soak.run(args));
        }
        if (Panels.wanted(args)) {
            System.exit(Panels.run(args));
        }
        Duration duration = Duration.ofSeconds(60);
        Duration pairDuration = null;
        int pairs = 3;
        int publishers = 2;
        int devices = 1000;
        int manyDevices = 100_000;
        Set<String> stages = new LinkedHashSet<>(STAGES);
        Duration maxWait = Pipelines.SERVICE_BUFFER.maxWait();
        Duration compareMaxWait = null;
        for (String a : String.join(" ", args).split("\\s+")) {
            if (a.equals("--quick")) {
                duration = Duration.ofSeconds(10);
            } else if (a.startsWith("--duration=")) {
                duration = Duration.ofSeconds(Long.parseLong(a.substring(11)));
            } else if (a.startsWith("--pair-duration=")) {
                pairDuration = Duration.ofSeconds(Long.parseLong(a.substring(16)));
            } else if (a.startsWith("--pairs=")) {
                pairs = Integer.parseInt(a.substring(8));
            } else if (a.startsWith("--publishers=")) {
                publishers = Integer.parseInt(a.substring(13));
            } else if (a.startsWith("--devices=")) {
                devices = Integer.parseInt(a.substring(10));
            } else if (a.startsWith("--many-devices=")) {
                manyDevices = Integer.parseInt(a.substring(15));
            } else if (a.startsWith("--compare-max-wait=")) {
                compareMaxWait = Duration.ofMillis(Long.parseLong(a.substring(19)));
            } else if (a.startsWith("--max-wait=")) {
                maxWait = Duration.ofMillis(Long.parseLong(a.substring(11)));
            } else if (a.startsWith("--stages=")) {
                stages = stages(a.substring(9));
            } else if (a.equals("--import-only")) {
                stages = Set.of("import");
            } else if (a.equals("--terminals-only")) {
                stages = Set.of("terminals");
            } else if (a.equals("--late-data-only")) {
                stages = Set.of("late-data");
            } else if (a.equals("--notify-only")) {
                stages = Set.of("notify");
            } else if (!a.isBlank()) {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (pairs < 1) {
            throw new IllegalArgumentException("--pairs must be at least 1");
        }
        if (pairDuration == null) {
            pairDuration = Duration.ofSeconds(Math.max(MIN_PAIR_SECONDS, duration.toSeconds() / 3));
        }
        new Benchmark()
                .run(new Options(
                        duration,
                        pairDuration,
                        pairs,
                        publishers,
                        devices,
                        manyDevices,
                        stages,
                        maxWait,
                        compareMaxWait));
        System.exit(0);
    }

    private static Set<String> stages(String list) {
        Set<String> stages = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!STAGES.contains(name.strip())) {
                throw new IllegalArgumentException("unknown stage " + name + ", known: " + String.join(",", STAGES));
            }
            stages.add(name.strip());
        }
        return stages;
    }

    /** The import command's path: 1,000 days of daily flows of {@code wells} wells from one CSV. */
    private static ImportSpeed.Result importStage(int wells) throws Exception {
        ImportSpeed.Result r = ImportSpeed.run(wells, 1000);
        log(
                "import: %d rows at %.0f rows/s (%.1f s), %.1f s with the catch-up",
                r.rows(), r.rowsPerSecond(), r.importSeconds(), r.totalSeconds());
        return r;
    }

    private void run(Options o) throws Exception {
        String binary = System.getenv().getOrDefault("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto");
        try (MosquittoTestBroker broker =
                MosquittoTestBroker.launch(Path.of(binary), TestBroker.projectMosquittoConfig())) {
            log(
                    "stages %s; %d s per stage, %d pairs of %d s, %d publishers, %d devices, max-wait %d ms, broker %s",
                    String.join(",", o.stages()),
                    o.duration().toSeconds(),
                    o.pairs(),
                    o.pairDuration().toSeconds(),
                    o.publishers(),
                    o.devices(),
                    o.maxWait().toMillis(),
                    broker.url());
            if (o.compareMaxWait() != null) {
                log(
                        "×1 latency windows timed again with max-wait %d ms",
                        o.compareMaxWait().toMillis());
            }
            LoadPublishers publishers = new LoadPublishers(broker.url(), o.publishers());
            ServiceStage stage = new ServiceStage(
                    broker.url(),
                    publishers,
                    new ProcessCpu(broker.pid(), ProcessCpu.ticksPerSecond()),
                    Pipelines.serviceBuffer(o.maxWait()),
                    o.compareMaxWait() == null ? null : Pipelines.serviceBuffer(o.compareMaxWait()));
            Throughput throughput = null;
            if (o.stages().contains("throughput")) {
                throughput = throughput(stage, broker.url(), publishers, o);
            }
            if (o.stages().contains("import")) {
                ImportSpeed.Result r = importStage(o.devices());
                rows.add(new Row(
                        "import (CSV, 1,000 days × " + o.devices() + " wells), rows/s",
                        n(r.rowsPerSecond()),
                        "",
                        "",
                        ""));
            }
            if (o.stages().contains("many-devices")) {
                manyDevices(stage, o, throughput);
            }
            if (o.stages().contains("late-data")) {
                lateData(Math.min(o.devices(), 200), o.duration());
            }
            if (o.stages().contains("terminals")) {
                terminals(broker.url(), o.devices(), o.duration());
            }
            if (o.stages().contains("notify")) {
                notifications(broker.url(), publishers, o.devices(), o.duration());
            }
            if (throughput != null) {
                rows.add(new Row(
                        "database size per million readings (well_reading, JSON ×1), MB",
                        "%.0f".formatted(throughput.json1().get(0).bytesPerMillion() / 1024 / 1024),
                        "",
                        "",
                        ""));
            }
            print(o);
        }
    }

    /** The whole machine's busy CPU per message in a stage, and the share of its CPU time that was busy. */
    private record MachineCpu(double microsPerMessage, double busyShare) {}

    /** Per round, the ceilings' rates and the service's runs, in round order. */
    private record Throughput(
            List<Double> broker,
            List<MachineCpu> brokerCpu,
            List<Double> copy,
            List<Double> naive,
            List<ServiceStage.Result> json1,
            List<ServiceStage.Result> json10,
            List<ServiceStage.Result> hj1,
            List<ServiceStage.Result> hj10) {}

    /**
     * A round's stages, each next to the ones it is compared with (HJ 212 ×1 | broker | JSON ×1 | naive | JSON ×10 |
     * COPY | HJ 212 ×10); odd rounds run them in reverse, so a slow drift of the machine cancels over two rounds.
     */
    private enum Leg {
        HJ1,
        BROKER,
        JSON1,
        NAIVE,
        JSON10,
        COPY,
        HJ10
    }

    /**
     * The service against its ceilings and the naive subscriber, {@code pairs} rounds of interleaved stages of
     * {@code pairDuration} each; each ratio's median over the rounds meets its target or not. Latency is measured in
     * every round, after each service stage, at half the rate that stage sustained in that round; its target is met by
     * the median over the rounds.
     */
    private Throughput throughput(ServiceStage stage, String url, LoadPublishers publishers, Options o)
            throws Exception {
        int devices = o.devices();
        Duration d = o.pairDuration();
        RegistrySnapshot registry = SyntheticRegistry.create(devices, devices);
        Throughput t = new Throughput(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>());
        for (int round = 0; round < o.pairs(); round++) {
            List<Leg> legs = new ArrayList<>(List.of(Leg.values()));
            if (round % 2 == 1) {
                Collections.reverse(legs);
            }
            Duration latency = o.duration().dividedBy(2);
            String of = " (round %d of %d)".formatted(round + 1, o.pairs());
            for (Leg leg : legs) {
                switch (leg) {
                    case BROKER -> {
                        ProcessCpu.Sample before = stage.processes().sample();
                        long[] counted = brokerCeiling(url, publishers, devices, d);
                        ProcessCpu.Sample cpu = stage.processes().sample().minus(before);
                        double rate = counted[0] / (counted[1] / 1e9);
                        MachineCpu machine = new MachineCpu(
                                cpu.machineBusyNanos() / 1000.0 / Math.max(1, counted[0]), cpu.machineBusyShare());
                        t.broker().add(rate);
                        t.brokerCpu().add(machine);
                        log(
                                "broker only%s: %.0f messages/s, machine %.1f µs/message, %.0f %% busy",
                                of, rate, machine.microsPerMessage(), 100 * machine.busyShare());
                    }
                    case COPY -> {
                        double rate = CopyCeiling.run(devices, d);
                        t.copy().add(rate);
                        log("COPY only%s: %.0f readings/s", of, rate);
                    }
                    case NAIVE -> {
                        double rate = naive(url, publishers, devices, d);
                        t.naive().add(rate);
                        log("naive subscriber%s: %.0f readings/s", of, rate);
                    }
                    case JSON1 -> t.json1().add(service(stage, Format.JSON, devices, 1, registry, d, latency));
                    case JSON10 -> t.json10().add(service(stage, Format.JSON, devices, 10, registry, d, latency));
                    case HJ1 -> t.hj1().add(service(stage, Format.HJ212, devices, 1, registry, d, latency));
                    case HJ10 -> t.hj10().add(service(stage, Format.HJ212, devices, 10, registry, d, latency));
                }
            }
        }
        rows.add(new Row("broker only (ack-only subscriber), msg/s", spread(t.broker()), "", "", ""));
        rows.add(new Row("COPY only (BatchWriter, 5k rows), readings/s", spread(t.copy()), "", "", ""));
        rows.add(new Row("naive (INSERT + commit per reading), readings/s", spread(t.naive()), "", "", ""));
        ratio("service JSON ×1, msg/s", messages(t.json1()), t.broker(), 0.9, "of broker ceiling");
        ratio("service HJ 212 ×1, msg/s", messages(t.hj1()), t.broker(), 0.9, "of broker ceiling");
        machineCpu("JSON ×1", t, t.json1());
        machineCpu("HJ 212 ×1", t, t.hj1());
        ratio("service JSON ×10, readings/s", readings(t.json10()), t.copy(), 0.5, "of COPY ceiling");
        ratio("service HJ 212 ×10, readings/s", readings(t.hj10()), t.copy(), 0.5, "of COPY ceiling");
        ratio("service JSON ×1 vs naive, readings/s", readings(t.json1()), t.naive(), 8, "× naive");
        ratio("service JSON ×10 vs naive, readings/s", readings(t.json10()), t.naive(), 8, "× naive");
        details("JSON ×1", t.json1());
        details("JSON ×10", t.json10());
        details("HJ 212 ×1", t.hj1());
        details("HJ 212 ×10", t.hj10());
        return t;
    }

    /** The service with {@code --many-devices} registered wells, once, against the median of JSON ×1 if it ran. */
    private void manyDevices(ServiceStage stage, Options o, Throughput throughput) throws Exception {
        int many = o.manyDevices();
        ServiceStage.Result r =
                service(stage, Format.JSON, many, 1, SyntheticRegistry.create(many, 0), o.duration(), Duration.ZERO);
        String figure = "service JSON ×1, " + many + " devices (one run), msg/s";
        if (throughput == null) {
            rows.add(new Row(figure, n(r.messagesPerSecond()), "", "", ""));
        } else {
            double json1 = median(messages(throughput.json1()));
            rows.add(new Row(
                    figure,
                    n(r.messagesPerSecond()),
                    "",
                    "%.0f %% of median of %d devices".formatted(100 * r.messagesPerSecond() / json1, o.devices()),
                    ""));
        }
        lost("JSON ×1, " + many + " devices", List.of(r));
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

    /**
     * Lost readings over every run; publish→commit at 50 % load as the median (min–max) over the rounds, the stage
     * table and tail evidence from the round whose p99 is that median; medians of CPU; the largest heap.
     */
    private void details(String name, List<ServiceStage.Result> runs) {
        lost(name, runs);
        List<ServiceStage.Result> timed =
                runs.stream().filter(r -> r.latency() != null).toList();
        List<Double> p50 = timed.stream().map(ServiceStage.Result::p50Millis).toList();
        List<Double> p99 = timed.stream().map(ServiceStage.Result::p99Millis).toList();
        rows.add(new Row(name + ": p50 publish→commit at 50 % load, ms", millis(p50), "", "", ""));
        rows.add(new Row(
                name + ": p99 publish→commit at 50 % load, ms",
                millis(p99),
                "≤ 250",
                timed.size() == 1 ? "" : "median of " + timed.size() + " rounds",
                met(median(p99) <= 250)));
        List<ServiceStage.Latency> compared = runs.stream()
                .map(ServiceStage.Result::compared)
                .filter(java.util.Objects::nonNull)
                .toList();
        if (!compared.isEmpty()) {
            rows.add(new Row(
                    name + ": p50 / p99 publish→commit at 50 % load with the compared max-wait, same rounds, ms",
                    millis(compared.stream()
                                    .map(ServiceStage.Latency::p50PublishMillis)
                                    .toList())
                            + " / "
                            + millis(compared.stream()
                                    .map(ServiceStage.Latency::p99PublishMillis)
                                    .toList()),
                    "",
                    "",
                    ""));
            rows.add(new Row(
                    name + ": batches with the compared max-wait, per round (count / mean / p99 size)",
                    compared.stream()
                            .map(l -> "%d / %.0f / %.0f".formatted(l.batches(), l.meanBatch(), l.p99Batch()))
                            .sorted()
                            .toList()
                            .toString(),
                    "",
                    "",
                    ""));
        }
        double service = median(
                runs.stream().map(ServiceStage.Result::cpuMicrosPerMessage).toList());
        rows.add(new Row(
                name + ": CPU per message (service threads), µs",
                micros(runs.stream()
                        .map(ServiceStage.Result::cpuMicrosPerMessage)
                        .toList()),
                "≤ 25",
                "",
                met(service <= 25)));
        rows.add(new Row(
                name + ": CPU per message (broker process), µs",
                micros(runs.stream()
                        .map(ServiceStage.Result::brokerMicrosPerMessage)
                        .toList()),
                "",
                "",
                ""));
        rows.add(new Row(
                name + ": CPU per message (all postgres processes), µs",
                micros(runs.stream()
                        .map(ServiceStage.Result::postgresMicrosPerMessage)
                        .toList()),
                "",
                "",
                ""));
        double heap =
                runs.stream().mapToDouble(ServiceStage.Result::heapMb).max().orElseThrow();
        rows.add(new Row(
                name + ": heap after GC under load (whole JVM, largest of " + runs.size() + " runs), MB",
                "%.0f".formatted(heap),
                "≤ 256",
                "",
                met(heap <= 256)));
        latencyEvidence(name, medianRun(timed).latency());
    }

    /** The run whose p99 publish→commit is the median (the lower middle one of an even count). */
    private static ServiceStage.Result medianRun(List<ServiceStage.Result> timed) {
        List<ServiceStage.Result> sorted = timed.stream()
                .sorted(java.util.Comparator.comparingDouble(ServiceStage.Result::p99Millis))
                .toList();
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** The ×1 runs' latency windows: stage by stage (a table of its own) and what may explain their tail. */
    private void latencyEvidence(String name, ServiceStage.Latency l) {
        if (l == null || !name.endsWith("×1")) {
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

    /** Lost readings (published − stored) summed over every run; met only when no run lost any. */
    private void lost(String name, List<ServiceStage.Result> runs) {
        long lost = runs.stream().mapToLong(ServiceStage.Result::lost).sum();
        boolean none = runs.stream().allMatch(r -> r.lost() == 0);
        rows.add(new Row(
                name + ": lost (published − stored readings), " + runs.size() + (runs.size() == 1 ? " run" : " runs"),
                n(lost),
                "0",
                "",
                met(none)));
    }

    /** One value against one reference. */
    private void ratio(String figure, double value, double reference, double target, String of) {
        ratio(figure, List.of(value), List.of(reference), target, of);
    }

    /**
     * The ratio of {@code values[i]} to {@code references[i]}, pair by pair: the median pair's ratio against the
     * target, with the smallest and largest beside it.
     */
    private void ratio(String figure, List<Double> values, List<Double> references, double target, String of) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            ratios.add(values.get(i) / references.get(i));
        }
        double r = median(ratios);
        double min = Collections.min(ratios);
        double max = Collections.max(ratios);
        String ratio;
        if (ratios.size() == 1) {
            ratio = of.startsWith("×") ? "%.1f %s".formatted(r, of) : "%.0f %% %s".formatted(100 * r, of);
        } else {
            ratio = of.startsWith("×")
                    ? "median %.1f %s (%.1f–%.1f)".formatted(r, of, min, max)
                    : "median %.0f %% %s (%.0f–%.0f %%)".formatted(100 * r, of, 100 * min, 100 * max);
        }
        String goal = target == 0
                ? ""
                : of.startsWith("×") ? "≥ %.0f%s".formatted(target, of) : "≥ %.0f %%".formatted(100 * target);
        rows.add(new Row(figure, spread(values), goal, ratio, target == 0 ? "" : met(r >= target)));
    }

    private static List<Double> messages(List<ServiceStage.Result> runs) {
        return runs.stream().map(ServiceStage.Result::messagesPerSecond).toList();
    }

    private static List<Double> readings(List<ServiceStage.Result> runs) {
        return runs.stream().map(ServiceStage.Result::readingsPerSecond).toList();
    }

    /** The middle value; of an even count, the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** "median (min–max)", or the single value. */
    private static String spread(List<Double> values) {
        return values.size() == 1
                ? n(values.get(0))
                : "%s (%s–%s)".formatted(n(median(values)), n(Collections.min(values)), n(Collections.max(values)));
    }

    private static String millis(List<Double> values) {
        return values.size() == 1
                ? "%.0f".formatted(values.get(0))
                : "%.0f (%.0f–%.0f)".formatted(median(values), Collections.min(values), Collections.max(values));
    }

    private static String percent(List<Double> shares) {
        List<Double> p = shares.stream().map(x -> 100 * x).toList();
        return p.size() == 1
                ? "%.0f".formatted(p.get(0))
                : "%.0f (%.0f–%.0f)".formatted(median(p), Collections.min(p), Collections.max(p));
    }

    private static String micros(List<Double> values) {
        return values.size() == 1
                ? "%.1f".formatted(values.get(0))
                : "%.1f (%.1f–%.1f)".formatted(median(values), Collections.min(values), Collections.max(values));
    }

    private static ServiceStage.Result service(
            ServiceStage stage,
            Format format,
            int devices,
            int k,
            RegistrySnapshot registry,
            Duration d,
            Duration latency)
            throws Exception {
        Messages messages = new Messages(Pipelines.uniquePrefix(), format, devices, k);
        ServiceStage.Result r = stage.run(messages, registry, d, latency);
        log("service %s ×%d, %d devices: %s", format, k, devices, r);
        return r;
    }

    /** Messages the ack-only subscriber counted, and the nanoseconds it took. */
    private static long[] brokerCeiling(String url, LoadPublishers publishers, int devices, Duration d)
            throws Exception {
        Messages messages = new Messages(Pipelines.uniquePrefix(), Format.JSON, devices, 1);
        try (Subscribers.Counting sub = Subscribers.ackOnly(url, messages.prefix() + "/#")) {
            long start = System.nanoTime();
            publishers.run(messages, d, 0);
            return new long[] {sub.messages(), System.nanoTime() - start};
        }
    }

    /**
     * What the machine's CPU allows a ×1 stage: per round, the whole machine's busy CPU per message in the broker-only
     * stage (publishers, broker, ack-only subscriber) over the same in the service stage (publishers, broker,
     * service, PostgreSQL). When both stages keep every core busy, their rates stand in that ratio whatever the
     * service does with its own share; the rows say how busy the cores were.
     */
    private void machineCpu(String name, Throughput t, List<ServiceStage.Result> runs) {
        List<Double> brokerMicros = new ArrayList<>();
        List<Double> serviceMicros = new ArrayList<>();
        List<Double> allows = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            double brokerPerMessage = t.brokerCpu().get(i).microsPerMessage();
            brokerMicros.add(brokerPerMessage);
            serviceMicros.add(runs.get(i).machineMicrosPerMessage());
            allows.add(brokerPerMessage / runs.get(i).machineMicrosPerMessage());
        }
        rows.add(new Row(
                name + ": whole-machine CPU per message, broker-only stage / service stage, µs",
                micros(brokerMicros) + " / " + micros(serviceMicros),
                "",
                "the CPU allows a median " + "%.0f %%".formatted(100 * median(allows)) + " of broker ceiling",
                ""));
        rows.add(new Row(
                name + ": machine busy, broker-only stage / service stage, %",
                percent(t.brokerCpu().stream().map(MachineCpu::busyShare).toList()) + " / "
                        + percent(runs.stream()
                                .map(ServiceStage.Result::machineBusyShare)
                                .toList()),
                "",
                "",
                ""));
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

    private void print(Options o) throws Exception {
        StringBuilder out = new StringBuilder();
        out.append("\n| figure | value | target | ratio | met? |\n|---|---:|---|---|---|\n");
        for (Row r : rows) {
            out.append("| %s | %s | %s | %s | %s |\n".formatted(r.figure(), r.value(), r.target(), r.ratio(), r.met()));
        }
        out.append(("\nstages %s; %d s per stage, %d pairs of %d s, %d publisher clients, %d devices, %d processors,"
                        + " max heap %d MB, max-wait %d ms%s\n")
                .formatted(
                        String.join(",", o.stages()),
                        o.duration().toSeconds(),
                        o.pairs(),
                        o.pairDuration().toSeconds(),
                        o.publishers(),
                        o.devices(),
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() / 1024 / 1024,
                        o.maxWait().toMillis(),
                        o.compareMaxWait() == null
                                ? ""
                                : " (compared with " + o.compareMaxWait().toMillis() + " ms)"));
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
