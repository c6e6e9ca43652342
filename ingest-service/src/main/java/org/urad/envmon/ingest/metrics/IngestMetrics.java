package org.urad.envmon.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.reading.RejectReason;

/**
 * Every meter of the ingestion path, named in one place. Every tag value comes from a closed set: the
 * formats of the decoders (given by the caller), the {@link RejectReason} codes and the connection-limit
 * causes; anything else is counted as {@value TagValues#OTHER}, so that no sender can grow the registry. Per-device
 * figures belong in the database, never in tags.
 */
public final class IngestMetrics {

    public static final String MESSAGES_RECEIVED = "ingest.messages.received";
    public static final String MESSAGES_REJECTED = "ingest.messages.rejected";
    public static final String READINGS_STORED = "ingest.readings.stored";
    public static final String READINGS_DUPLICATE = "ingest.readings.duplicate";
    public static final String READINGS_REVISED = "ingest.readings.revised";
    public static final String CALIBRATIONS_STORED = "ingest.calibrations.stored";
    public static final String BATCH_SIZE = "ingest.batch.size";
    public static final String FLUSH_DURATION = "ingest.flush.duration";
    public static final String FLUSH_FAILURES = "ingest.flush.failures";
    public static final String BUFFER_DEPTH = "ingest.buffer.depth";
    public static final String RECEIVE_TO_COMMIT = "ingest.receive.commit.lag";
    public static final String PUBLISH_TO_COMMIT = "ingest.publish.commit.lag";
    /** One timer per {@link Stage}, tagged {@code stage}: where the milliseconds of {@link #PUBLISH_TO_COMMIT} go. */
    public static final String STAGE_LATENCY = "ingest.stage.latency";

    public static final String MQTT_CONNECTED = "ingest.mqtt.connected";
    public static final String MQTT_CONNECTS = "ingest.mqtt.connects";
    public static final String SEQUENCE_GAPS = "ingest.sequence.gaps";
    public static final String RATE_LIMITED = "ingest.limits.rate.limited";
    public static final String TCP_REFUSED = "ingest.limits.tcp.refused";
    public static final String TCP_CONNECTIONS = "ingest.hj212.connections";
    public static final String WRITE_ISOLATED = "ingest.write.isolated";
    public static final String DEAD_LETTERS = "ingest.write.dead.letters";
    public static final String FLUSHER_STALL = "ingest.flusher.stall";
    public static final String BUFFER_FULL = "ingest.buffer.full";
    public static final String AGGREGATE_AGE = "ingest.aggregate.materialised.age";
    public static final String AGGREGATE_REFRESHES = "ingest.aggregate.refreshes";

    /** The aggregates of migration V3, the only values of the {@code aggregate} tag. */
    public static final List<String> AGGREGATES = List.of(
            "well_reading_hourly",
            "well_reading_daily",
            "cems_reading_hourly",
            "cems_reading_daily",
            "water_quality_reading_hourly",
            "water_quality_reading_daily",
            "gate_reading_hourly",
            "gate_reading_daily");

    /** Tag values with a meaning of their own (meter names are the constants above, and only those). */
    public static final class TagValues {
        /** Anything outside a tag's closed set. */
        public static final String OTHER = "other";
        /** The format of a message whose topic could not be parsed. */
        public static final String UNKNOWN_FORMAT = "unknown";
        /** The connection-limit causes of {@link IngestMetrics#tcpRefused(String)}. */
        public static final String REFUSED_TOTAL = "total";

        public static final String REFUSED_PER_ADDRESS = "per_address";

        private TagValues() {}
    }

    private static final Set<String> REASONS =
            Arrays.stream(RejectReason.values()).map(RejectReason::code).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> REFUSAL_CAUSES = Set.of(TagValues.REFUSED_TOTAL, TagValues.REFUSED_PER_ADDRESS);
    public static final String TCP_DISCONNECTS = "ingest.hj212.disconnects";

    /** Why the service dropped an HJ 212 logger: the {@code cause} tag of {@link #TCP_DISCONNECTS}. */
    public enum Disconnect {
        /** Its reply queue was full: it does not read what we send. */
        REPLY_QUEUE_FULL,
        /** A reply write took longer than {@code ingest.hj212.write-timeout}. */
        REPLY_TIMEOUT,
        /** {@code ingest.hj212.max-bad-frames} unusable (or unauthenticated) frames in a row. */
        BAD_FRAMES,
        /** Silent for {@code ingest.hj212.idle-timeout}. */
        IDLE;

        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();
    private final Counter stored;
    private final Counter duplicate;
    private final Counter revised;
    private final Counter calibrations;
    private final DistributionSummary batchSize;
    private final Timer flushDuration;
    private final Counter flushFailures;
    private final Timer receiveToCommit;
    private final Timer publishToCommit;
    private final Counter connects;
    private final Counter sequenceGaps;
    private final Counter rateLimited;
    private final Map<String, Counter> tcpRefused = new ConcurrentHashMap<>();
    private final Counter isolated;
    private final Counter deadLetters;
    private final Counter aggregateRefreshes;
    private final Map<Disconnect, Counter> tcpDisconnects = new EnumMap<>(Disconnect.class);
    private final Timer[] stages = new Timer[Stage.values().length];

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stored = Counter.builder(READINGS_STORED)
                .description("Readings written to the time-series tables")
                .baseUnit("readings")
                .register(registry);
        this.duplicate = Counter.builder(READINGS_DUPLICATE)
                .description("Readings already stored with the same value (redeliveries): not written again")
                .baseUnit("readings")
                .register(registry);
        this.revised = Counter.builder(READINGS_REVISED)
                .description("Readings that arrived again with a different value: kept in reading_revision")
                .baseUnit("readings")
                .register(registry);
        this.calibrations = Counter.builder(CALIBRATIONS_STORED)
                .description("Calibration results written")
                .baseUnit("records")
                .register(registry);
        this.batchSize = DistributionSummary.builder(BATCH_SIZE)
                .description("Messages per committed batch")
                .baseUnit("messages")
                .register(registry);
        this.flushDuration = Timer.builder(FLUSH_DURATION)
                .description("Time to write and commit one batch")
                .publishPercentileHistogram()
                .register(registry);
        this.flushFailures = Counter.builder(FLUSH_FAILURES)
                .description("Batches whose transaction failed and will be retried")
                .register(registry);
        this.receiveToCommit = Timer.builder(RECEIVE_TO_COMMIT)
                .description("From receipt of a message to the commit of its batch")
                .publishPercentileHistogram()
                .register(registry);
        this.publishToCommit = Timer.builder(PUBLISH_TO_COMMIT)
                .description("From the publisher's sent-at time to the commit of the batch")
                .publishPercentileHistogram()
                .register(registry);
        this.connects = Counter.builder(MQTT_CONNECTS)
                .description("Successful (re)connections to the broker")
                .register(registry);
        this.sequenceGaps = Counter.builder(SEQUENCE_GAPS)
                .description("Messages missing upstream, from gaps in per-device sequence numbers")
                .baseUnit("messages")
                .register(registry);
        this.rateLimited = Counter.builder(RATE_LIMITED)
                .description("Messages quarantined because their device exceeded its message rate")
                .baseUnit("messages")
                .register(registry);
        this.isolated = Counter.builder(WRITE_ISOLATED)
                .description("Messages the database refused, found by splitting their batch and quarantined as"
                        + " internal_error while the rest of the batch was stored")
                .baseUnit("messages")
                .register(registry);
        this.deadLetters = Counter.builder(DEAD_LETTERS)
                .description("Messages even the quarantine table refused, written to the dead-letter directory")
                .baseUnit("messages")
                .register(registry);
        this.aggregateRefreshes = Counter.builder(AGGREGATE_REFRESHES)
                .description("Scheduled aggregate refreshes this instance ran; across instances one per refresh"
                        + " interval")
                .baseUnit("refreshes")
                .register(registry);
        for (Stage stage : Stage.values()) {
            stages[stage.ordinal()] = Timer.builder(STAGE_LATENCY)
                    .description("Time one message spends in one stage of the ingestion path, by stage")
                    .tag("stage", stage.tag())
                    .publishPercentileHistogram()
                    .register(registry);
        }
        for (Disconnect cause : Disconnect.values()) {
            tcpDisconnects.put(
                    cause,
                    Counter.builder(TCP_DISCONNECTS)
                            .description("HJ 212 loggers the service disconnected, by cause")
                            .tag("cause", cause.tag())
                            .baseUnit("connections")
                            .register(registry));
        }
    }

    /**
     * A message received. {@code format} is a decoder's format, {@value TagValues#UNKNOWN_FORMAT} or {@value TagValues#OTHER}:
     * the caller, who knows the decoders, maps a topic's last level onto that set ({@code MessageProcessor}).
     */
    public void received(String format) {
        received.computeIfAbsent(
                        format == null ? TagValues.UNKNOWN_FORMAT : format,
                        f -> Counter.builder(MESSAGES_RECEIVED)
                                .description("Messages received, by payload format")
                                .tag("format", f)
                                .baseUnit("messages")
                                .register(registry))
                .increment();
    }

    public void rejected(RejectReason reason) {
        rejected(reason.code());
    }

    /** A rejection by its code; a code that is not a {@link RejectReason} is counted as {@value TagValues#OTHER}. */
    public void rejected(String reason) {
        rejected.computeIfAbsent(
                        REASONS.contains(reason) ? reason : TagValues.OTHER,
                        r -> Counter.builder(MESSAGES_REJECTED)
                                .description("Messages (or values of them) quarantined, by reason")
                                .tag("reason", r)
                                .baseUnit("messages")
                                .register(registry))
                .increment();
    }

    public void stored(long readings, long duplicates, long revisions, long calibrationRecords) {
        stored.increment(readings);
        duplicate.increment(duplicates);
        revised.increment(revisions);
        calibrations.increment(calibrationRecords);
    }

    public void batch(int messages, Duration flush) {
        batchSize.record(messages);
        flushDuration.record(flush);
    }

    public void flushFailed() {
        flushFailures.increment();
    }

    public void receiveToCommit(Duration lag) {
        receiveToCommit.record(lag);
    }

    public void publishToCommit(Duration lag) {
        publishToCommit.record(lag);
    }

    /** A message's time in {@code stage}; negative durations (a publisher's clock ahead of ours) are dropped. */
    public void stage(Stage stage, long nanos) {
        if (nanos >= 0) {
            stages[stage.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    public void connected() {
        connects.increment();
    }

    public void sequenceGap(long missing) {
        sequenceGaps.increment(missing);
    }

    public void rateLimited() {
        rateLimited.increment();
    }

    /** An HJ 212 connection refused; {@code cause} is {@value TagValues#REFUSED_TOTAL} or {@value TagValues#REFUSED_PER_ADDRESS}. */
    public void tcpRefused(String cause) {
        tcpRefused
                .computeIfAbsent(
                        REFUSAL_CAUSES.contains(cause) ? cause : TagValues.OTHER,
                        c -> Counter.builder(TCP_REFUSED)
                                .description("HJ 212 TCP connections refused by a connection limit")
                                .tag("cause", c)
                                .baseUnit("connections")
                                .register(registry))
                .increment();
    }

    public void tcpDisconnected(Disconnect cause) {
        tcpDisconnects.get(cause).increment();
    }

    public void tcpConnections(Supplier<Number> open) {
        Gauge.builder(TCP_CONNECTIONS, open)
                .description("HJ 212 loggers connected now")
                .baseUnit("connections")
                .register(registry);
    }

    /** The meters of the TCP listener of {@code protocol} (one of {@link TcpMetrics#PROTOCOLS}); one call per listener. */
    public TcpMetrics tcp(String protocol) {
        return new TcpMetrics(registry, protocol);
    }

    public void bufferDepth(Supplier<Number> depth) {
        Gauge.builder(BUFFER_DEPTH, depth)
                .description("Messages waiting to be written")
                .baseUnit("messages")
                .register(registry);
    }

    public void connectionState(Supplier<Number> connected) {
        Gauge.builder(MQTT_CONNECTED, connected)
                .description("1 while connected to the broker, else 0")
                .register(registry);
    }

    public void isolated() {
        isolated.increment();
    }

    public void deadLettered() {
        deadLetters.increment();
    }

    /** Seconds the flusher has held a batch it could not commit (0 while it commits). */
    public void flusherStall(Supplier<Number> seconds) {
        Gauge.builder(FLUSHER_STALL, seconds)
                .description("How long the writer has held a batch it could not yet commit; 0 while commits go through")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Seconds the buffer has been full without a drain (0 when it is not full). */
    public void bufferFull(Supplier<Number> seconds) {
        Gauge.builder(BUFFER_FULL, seconds)
                .description("How long the buffer has been full, intake paused; 0 when it has room")
                .baseUnit("seconds")
                .register(registry);
    }

    /**
     * One gauge per aggregate of {@link #AGGREGATES}: seconds since the end of its newest materialised
     * bucket, as {@code age} answers it (NaN while unknown or nothing is materialised).
     */
    public void aggregateAges(ToDoubleFunction<String> age) {
        for (String aggregate : AGGREGATES) {
            Gauge.builder(AGGREGATE_AGE, () -> age.applyAsDouble(aggregate))
                    .description("Time since the end of the newest materialised bucket of the aggregate; grows by"
                            + " the refresh interval between refreshes, and without bound when they stop")
                    .tag("aggregate", aggregate)
                    .baseUnit("seconds")
                    .register(registry);
        }
    }

    /** A scheduled aggregate refresh run by this instance (it claimed the interval's tick). */
    public void aggregateRefreshed() {
        aggregateRefreshes.increment();
    }
}
