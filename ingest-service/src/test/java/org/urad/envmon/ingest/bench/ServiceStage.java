package org.urad.envmon.ingest.bench;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.decode.hj212.Hj212Decoder;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.Stage;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;

/** The service end to end, as deployed (QoS 1, acknowledgement after commit, idempotent writes), under load. */
final class ServiceStage {

    /** Latency columns are NaN when the run had no latency phase. */
    record Result(
            int readingsPerMessage,
            double readingsPerSecond,
            double messagesPerSecond,
            long published,
            long stored,
            double p50Millis,
            double p99Millis,
            double heapMb,
            double cpuMicrosPerMessage,
            double brokerMicrosPerMessage,
            double postgresMicrosPerMessage,
            double machineMicrosPerMessage,
            double machineBusyShare,
            double bytesPerMillion,
            Latency latency,
            Latency compared) {

        long lost() {
            return published * readingsPerMessage - stored;
        }
    }

    /**
     * The latency window in detail: p50 and p99 of publish→commit and of each {@link Stage} in milliseconds
     * (stages indexed by ordinal), the batches the flusher committed (how many, mean and p99 size, mean interval
     * between them, p99 flush time) and what else happened meanwhile.
     */
    record Latency(
            double p50PublishMillis,
            double p99PublishMillis,
            double[] p50Millis,
            double[] p99Millis,
            long batches,
            double meanBatch,
            double p99Batch,
            double flushIntervalMillis,
            double p99FlushMillis,
            TailEvidence.Figures tail) {}

    private final String brokerUrl;
    private final LoadPublishers publishers;
    private final ProcessCpu processes;
    private final IngestProperties.Buffer buffer;
    private final IngestProperties.Buffer compared;

    /**
     * @param compared when not null, every ×1 latency window is followed by a second one on an instance with this
     *     buffer (another {@code max-wait}), at the same rate, so that the two settings are timed side by side
     */
    ServiceStage(
            String brokerUrl,
            LoadPublishers publishers,
            ProcessCpu processes,
            IngestProperties.Buffer buffer,
            IngestProperties.Buffer compared) {
        this.brokerUrl = brokerUrl;
        this.publishers = publishers;
        this.processes = processes;
        this.buffer = buffer;
        this.compared = compared;
    }

    ProcessCpu processes() {
        return processes;
    }

    /**
     * Publishes for {@code duration}, awaits everything published, then (unless {@code latency} is zero) measures
     * latency for {@code latency} at half the sustained rate on a second instance.
     */
    Result run(Messages messages, Registry registry, Duration duration, Duration latency) throws Exception {
        try (MigratedDatabase db = MigratedDatabase.create("bench")) {
            String clientId = "bench-ingest-" + UUID.randomUUID();
            SimpleMeterRegistry meters = meters();
            IngestPipeline pipeline = start(messages.prefix(), clientId, db, registry, meters, buffer);
            long cpuBefore = cpu(clientId);
            ProcessCpu.Sample othersBefore = processes.sample();
            double storedBefore = stored(meters);
            long start = System.nanoTime();
            long published = publishers.run(messages, duration, 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            double storedInWindow = stored(meters) - storedBefore;
            long cpuNanos = cpu(clientId) - cpuBefore;
            ProcessCpu.Sample others = processes.sample().minus(othersBefore);
            double heap = heapAfterGc();
            long expected = published * messages.readingsPerMessage();
            awaitStored(meters, expected, Duration.ofMinutes(3));
            long stored = (long) stored(meters);
            pipeline.stop();
            double bytes = size(db, table(messages));
            double readingsPerSecond = storedInWindow / seconds;
            double messagesInWindow = storedInWindow / messages.readingsPerMessage();

            double committed = Math.max(1, messagesInWindow);
            double half = messagesInWindow / seconds / 2;
            Latency window =
                    latency.isZero() ? null : latency(messages, "h", clientId, db, registry, latency, half, buffer);
            Latency other = latency.isZero() || compared == null || messages.readingsPerMessage() != 1
                    ? null
                    : latency(messages, "c", clientId, db, registry, latency, half, compared);
            return new Result(
                    messages.readingsPerMessage(),
                    readingsPerSecond,
                    messagesInWindow / seconds,
                    published,
                    stored,
                    window == null ? Double.NaN : window.p50PublishMillis(),
                    window == null ? Double.NaN : window.p99PublishMillis(),
                    heap,
                    cpuNanos / 1000.0 / committed,
                    others.brokerNanos() / 1000.0 / committed,
                    others.postgresNanos() / 1000.0 / committed,
                    others.machineBusyNanos() / 1000.0 / committed,
                    others.machineBusyShare(),
                    bytes / Math.max(1, stored) * 1e6,
                    window,
                    other);
        }
    }

    /** Latency at {@code rate} messages/s, on a fresh instance so the timers hold only that phase. */
    private Latency latency(
            Messages messages,
            String suffix,
            String clientId,
            MigratedDatabase db,
            Registry registry,
            Duration d,
            double rate,
            IngestProperties.Buffer with)
            throws Exception {
        Messages half = new Messages(
                messages.prefix() + suffix, messages.format(), messages.devices(), messages.readingsPerMessage());
        SimpleMeterRegistry latencyMeters = meters();
        IngestPipeline second = start(half.prefix(), clientId + suffix, db, registry, latencyMeters, with);
        TailEvidence evidence = TailEvidence.open(db.dataSource());
        long windowStart = System.nanoTime();
        publishers.run(half, d, rate);
        double windowSeconds = (System.nanoTime() - windowStart) / 1e9;
        awaitStored(latencyMeters, 1, Duration.ofSeconds(30));
        Thread.sleep(500);
        second.stop();
        return latency(latencyMeters, windowSeconds, evidence.close());
    }

    private static Latency latency(SimpleMeterRegistry meters, double windowSeconds, TailEvidence.Figures tail) {
        var publish = meters.get(IngestMetrics.PUBLISH_TO_COMMIT)
                .timer()
                .takeSnapshot()
                .percentileValues();
        double[] p50 = new double[Stage.values().length];
        double[] p99 = new double[Stage.values().length];
        for (Stage stage : Stage.values()) {
            var t = meters.find(IngestMetrics.STAGE_LATENCY)
                    .tag("stage", stage.tag())
                    .timer();
            var values = t == null ? new ValueAtPercentile[0] : t.takeSnapshot().percentileValues();
            p50[stage.ordinal()] = millis(values, 0.5);
            p99[stage.ordinal()] = millis(values, 0.99);
        }
        var batch = meters.get(IngestMetrics.BATCH_SIZE).summary().takeSnapshot();
        var flush = meters.get(IngestMetrics.FLUSH_DURATION).timer().takeSnapshot();
        double p99Batch = Double.NaN;
        for (ValueAtPercentile v : batch.percentileValues()) {
            if (v.percentile() == 0.99) {
                p99Batch = v.value();
            }
        }
        return new Latency(
                millis(publish, 0.5),
                millis(publish, 0.99),
                p50,
                p99,
                batch.count(),
                batch.mean(),
                p99Batch,
                windowSeconds * 1000 / Math.max(1, batch.count()),
                millis(flush.percentileValues(), 0.99),
                tail);
    }

    private static String table(Messages messages) {
        return messages.format() == Messages.Format.JSON ? "well_reading" : "cems_reading";
    }

    private IngestPipeline start(
            String prefix,
            String clientId,
            MigratedDatabase db,
            Registry registry,
            SimpleMeterRegistry meters,
            IngestProperties.Buffer with)
            throws Exception {
        IngestProperties properties = Pipelines.properties(brokerUrl, clientId, prefix, null, with);
        IngestPipeline pipeline = new IngestPipeline(
                properties,
                db.dataSource(),
                () -> registry,
                List.of(new JsonPayloadDecoder(), new Hj212Decoder()),
                new IngestMetrics(meters),
                batch -> {},
                Clock.systemUTC());
        pipeline.start();
        return pipeline;
    }

    static SimpleMeterRegistry meters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return DistributionStatisticConfig.builder()
                        .percentiles(0.5, 0.99)
                        .build()
                        .merge(config);
            }
        });
        return meters;
    }

    private static double stored(SimpleMeterRegistry meters) {
        var c = meters.find(IngestMetrics.READINGS_STORED).counter();
        return c == null ? 0 : c.count();
    }

    private static void awaitStored(SimpleMeterRegistry meters, long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored(meters) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    /** CPU time of the service's own threads: its Paho client's threads and the flusher. */
    static long cpu(String clientId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null
                    && (info.getThreadName().contains(clientId)
                            || info.getThreadName().equals("ingest-flusher"))) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    static double heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024.0 / 1024.0;
    }

    static double size(MigratedDatabase db, String table) throws java.sql.SQLException {
        try (var c = db.dataSource().getConnection();
                var rs = c.createStatement().executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double millis(ValueAtPercentile[] values, double percentile) {
        for (ValueAtPercentile v : values) {
            if (v.percentile() == percentile) {
                return v.value(java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        return Double.NaN;
    }
}
