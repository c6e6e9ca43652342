package org.urad.envmon.ingest.inbound.tcp;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Field;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212Replies;
import org.urad.envmon.ingest.store.CommandLog;

/**
 * The HJ 212 loggers connected now, by monitor: the last checked frame of each (whose ST, PW and MN a command
 * repeats) and its connection's outbox. A connection counts for a monitor from its first checked frame of
 * that monitor until it closes. Commands sent through here are logged in the {@link CommandLog} before they
 * are queued, exactly as gap-recovery requests; the logger's 9011 / 9012 settle them the same way.
 * Thread-safe: reader threads report frames, request threads send.
 */
public final class LoggerLinks {

    private record Link(Hj212Frame about, Consumer<byte[]> outbox) {}

    private final Map<String, Link> byMonitor = new ConcurrentHashMap<>();
    private final CommandLog log;
    private final QnSource qns;

    LoggerLinks(CommandLog log, QnSource qns) {
        this.log = log;
        this.qns = qns;
    }

    /** The listener's one source of QNs: operators' commands here, set-time and gap recovery on each link. */
    QnSource qns() {
        return qns;
    }

    /** Reader thread: a checked frame of {@code deviceId}'s logger on the connection with {@code outbox}. */
    void seen(String deviceId, Hj212Frame about, Consumer<byte[]> outbox) {
        byMonitor.put(deviceId, new Link(about, outbox));
    }

    /** The connection with {@code outbox} closed: its monitors are no longer connected (unless another took over). */
    void closed(Consumer<byte[]> outbox) {
        byMonitor.values().removeIf(link -> link.outbox() == outbox);
    }

    public boolean connected(String deviceId) {
        return byMonitor.containsKey(deviceId);
    }

    /**
     * Frames the command, logs it, and queues it on the monitor's connection (never blocks).
     *
     * @return the command's QN, or empty when the monitor's logger is not connected
     */
    public Optional<String> send(String deviceId, String cn, List<Hj212Field> fields, String reason, Instant now) {
        Link link = byMonitor.get(deviceId);
        if (link == null) {
            return Optional.empty();
        }
        String qn = qns.next(now);
        byte[] command = Hj212Codec.encode(Hj212Replies.command(link.about(), cn, qn, fields));
        log.sent(deviceId, link.about().mn(), cn, qn, reason, now);
        link.outbox().accept(command);
        return Optional.of(qn);
    }
}
