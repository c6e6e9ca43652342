package org.urad.envmon.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.metrics.IngestMetrics.Disconnect;
import org.urad.envmon.ingest.metrics.IngestMetrics.TagValues;
import org.urad.envmon.ingest.reading.RejectReason;

/**
 * The meters of one TCP listener (HJ 212, SZY 206 or SL 651), named in one place and tagged with the
 * listener's {@code protocol}: connections open, connections refused by a limit, terminals dropped, frames
 * cut from the byte streams, frames refused by reason, replies written. Every tag value comes from a closed
 * set ({@link #PROTOCOLS}, the {@link RejectReason} codes, the limit and disconnect causes); anything else is
 * {@value TagValues#OTHER}.
 */
public final class TcpMetrics {

    public static final String CONNECTIONS = "ingest.tcp.connections";
    public static final String CONNECTIONS_REFUSED = "ingest.tcp.connections.refused";
    public static final String DISCONNECTS = "ingest.tcp.disconnects";
    public static final String FRAMES = "ingest.tcp.frames";
    public static final String FRAMES_REFUSED = "ingest.tcp.frames.refused";
    public static final String REPLIES = "ingest.tcp.replies";

    /** The values of the {@code protocol} tag: the formats of the TCP listeners. */
    public static final List<String> PROTOCOLS = List.of("hj212", "szy206", "sl651");

    private static final Set<String> REASONS =
            Arrays.stream(RejectReason.values()).map(RejectReason::code).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> LIMITS = Set.of(TagValues.REFUSED_TOTAL, TagValues.REFUSED_PER_ADDRESS);

    private final MeterRegistry registry;
    private final String protocol;
    private final Counter frames;
    private final Counter replies;
    private final Map<String, Counter> refused = new ConcurrentHashMap<>();
    private final Map<String, Counter> limited = new ConcurrentHashMap<>();
    private final Map<Disconnect, Counter> disconnects = new EnumMap<>(Disconnect.class);

    TcpMetrics(MeterRegistry registry, String protocol) {
        this.registry = registry;
        this.protocol = PROTOCOLS.contains(protocol) ? protocol : TagValues.OTHER;
        this.frames = Counter.builder(FRAMES)
                .description("Frame candidates cut from the terminals' byte streams, by listener")
                .tag("protocol", this.protocol)
                .register(registry);
        this.replies = Counter.builder(REPLIES)
                .description("Replies (confirmations, answers, commands) written to terminals, by listener")
                .tag("protocol", this.protocol)
                .register(registry);
        for (Disconnect cause : Disconnect.values()) {
            disconnects.put(
                    cause,
                    Counter.builder(DISCONNECTS)
                            .description("Terminals the service disconnected, by listener and cause")
                            .tag("protocol", this.protocol)
                            .tag("cause", cause.tag())
                            .register(registry));
        }
    }

    /** The gauge of connections open now. */
    public void connections(Supplier<Number> open) {
        Gauge.builder(CONNECTIONS, open)
                .description("Terminals connected now, by listener")
                .tag("protocol", protocol)
                .register(registry);
    }

    /** A connection refused by a limit: {@value TagValues#REFUSED_TOTAL} or {@value TagValues#REFUSED_PER_ADDRESS}. */
    public void connectionRefused(String cause) {
        limited.computeIfAbsent(
                        LIMITS.contains(cause) ? cause : TagValues.OTHER,
                        c -> Counter.builder(CONNECTIONS_REFUSED)
                                .description("Terminal connections refused by a connection limit, by listener")
                                .tag("protocol", protocol)
                                .tag("cause", c)
                                .register(registry))
                .increment();
    }

    public void disconnected(Disconnect cause) {
        disconnects.get(cause).increment();
    }

    public void frame() {
        frames.increment();
    }

    /** A frame, or a run of bytes outside any frame, refused with the {@link RejectReason} of this code. */
    public void frameRefused(String reason) {
        refused.computeIfAbsent(
                        REASONS.contains(reason) ? reason : TagValues.OTHER,
                        r -> Counter.builder(FRAMES_REFUSED)
                                .description(
                                        "Frames refused by the listener before the pipeline (framing, check, sender),"
                                                + " by listener and reason")
                                .tag("protocol", protocol)
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    public void replied() {
        replies.increment();
    }
}
