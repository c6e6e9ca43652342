package org.urad.envmon.ingest.inbound.tcp;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212Replies;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;

/**
 * Gap recovery on one connection: once a checked frame names the logger's monitor (the connection came
 * back), and every scan interval after, the monitor's stored minute, hourly and daily records of the
 * horizon are checked for gaps ({@link GapFinder}); each gap is asked for (2051 / 2061 / 2031 with
 * BeginTime and EndTime), at most {@code maxInFlight} at a time, each logged in the command log before it
 * is queued on the connection's outbox. The logger's 9011 / 9012 settle a request: done or no data ends
 * it, refused, failed or no answer within the answer timeout tries it again after a backoff, up to the
 * last try. A span once settled is not asked for again on this connection. The data frames carrying a
 * request's QN are stored by the pipeline like any other (natural keys keep them unique), but may be as old
 * as the horizon. Thread-safe: the reader thread reports frames and answers, the recovery thread {@link
 * #tick}s.
 */
final class Hj212Recovery implements Hj212Commands.Answers {

    private static final Logger log = LoggerFactory.getLogger(Hj212Recovery.class);
    /** Why the requests in flight on a closing connection were given up (read by operators). */
    static final String LINK_CLOSED = "连接已断开，未等到应答 / link closed before an answer";

    private final HistoryRecovery context;
    private final RecoverySettings settings;
    private final Consumer<byte[]> outbox;

    private Hj212Frame about;
    private Monitor monitor;
    private Instant nextScan;
    private boolean scanned;
    private final List<Waiting> waiting = new ArrayList<>();
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Set<HistoryGap> settled = new HashSet<>();
    private final QnSource qns;
    private boolean closed;

    private record Waiting(HistoryGap gap, int attempt, Instant notBefore, String trigger) {}

    private static final class InFlight {
        final HistoryGap gap;
        final int attempt;
        final String trigger;
        Instant lastHeard;

        InFlight(HistoryGap gap, int attempt, String trigger, Instant sent) {
            this.gap = gap;
            this.attempt = attempt;
            this.trigger = trigger;
            this.lastHeard = sent;
        }
    }

    Hj212Recovery(HistoryRecovery context, Consumer<byte[]> outbox, QnSource qns) {
        this.context = context;
        this.settings = context.settings();
        this.outbox = outbox;
        this.qns = qns;
    }

    /** Reader thread: a checked frame of {@code monitor}. The first one makes the next tick look for gaps. */
    synchronized void seen(Hj212Frame frame, Monitor monitor) {
        if (this.monitor == null) {
            this.monitor = monitor;
            this.nextScan = Instant.MIN;
        }
        if (this.monitor.deviceId().equals(monitor.deviceId())) {
            about = frame;
        }
    }

    /**
     * Reader thread: for a data frame answering a request in flight (its QN and CN), how old its readings may
     * be; {@code null} for any other frame.
     */
    synchronized Duration horizonFor(Hj212Frame frame) {
        InFlight request = frame.qn() == null ? null : inFlight.get(frame.qn());
        if (request == null
                || !request.gap.kind().cn().equals(frame.cn())
                || about == null
                || !about.mn().equals(frame.mn())) {
            return null;
        }
        request.lastHeard = context.clock().instant();
        return settings.horizon();
    }

    /** Counts a data record stored in answer to a request. */
    void recovered(String cn) {
        context.metrics().recovered(cn);
    }

    /** Reader thread, from {@link Hj212Commands}: the logger's 9011 or 9012 to the command {@code qn}. */
    @Override
    public synchronized void answered(String qn, String outcome) {
        InFlight request = inFlight.get(qn);
        if (request == null) {
            return;
        }
        Instant now = context.clock().instant();
        switch (outcome) {
            case "accepted" -> request.lastHeard = now;
            case "succeeded", "no_data" -> {
                inFlight.remove(qn);
                settled.add(request.gap);
                context.metrics().answered(request.gap.kind().cn());
            }
            default -> {
                inFlight.remove(qn);
                again(request, now);
            }
        }
    }

    /**
     * Reader thread, as the connection closes: no answer can come any more, so every request in flight is
     * logged as timed out now (not left {@code sent}), and nothing more is asked for on this connection.
     */
    synchronized void closed() {
        Instant now = context.clock().instant();
        closed = true;
        for (String qn : inFlight.keySet()) {
            context.log().answered(about.mn(), qn, "timed_out", LINK_CLOSED, now);
        }
        inFlight.clear();
        waiting.clear();
    }

    /** Recovery thread: looks for gaps when due, gives up on silent requests, sends what may be sent. */
    void tick() {
        Instant now = context.clock().instant();
        Scan scan = scanDue(now);
        if (scan != null) {
            List<HistoryGap> gaps = gaps(scan, now);
            synchronized (this) {
                for (HistoryGap gap : gaps) {
                    if (!settled.contains(gap) && !known(gap)) {
                        waiting.add(new Waiting(gap, 1, now, scan.trigger()));
                    }
                }
            }
        }
        synchronized (this) {
            expire(now);
            send(now);
        }
    }

    private record Scan(Monitor monitor, Device device, String trigger) {}

    private synchronized Scan scanDue(Instant now) {
        if (closed || monitor == null || nextScan == null || now.isBefore(nextScan)) {
            return null;
        }
        nextScan = now.plus(settings.scanInterval());
        String trigger = scanned ? "periodic check" : "connection came back";
        scanned = true;
        Optional<Device> device = context.registry().get().device(monitor.deviceId());
        return device.map(d -> new Scan(monitor, d, trigger)).orElse(null);
    }

    private List<HistoryGap> gaps(Scan scan, Instant now) {
        List<HistoryGap> gaps = new ArrayList<>();
        Instant from = now.minus(settings.horizon());
        for (HistoryKind kind : HistoryKind.values()) {
            try {
                List<Instant> times = context.stored()
                        .times(scan.device().family(), scan.device().id(), kind.period(), from, now);
                gaps.addAll(GapFinder.gaps(kind, times, kind.interval(scan.device()), now, settings.maxSpan()));
            } catch (SQLException | RuntimeException e) {
                log.warn("Gaps of {} not checked: {}", scan.device().id(), e.getMessage());
            }
        }
        return gaps;
    }

    private boolean known(HistoryGap gap) {
        return waiting.stream().anyMatch(w -> w.gap().equals(gap))
                || inFlight.values().stream().anyMatch(f -> f.gap.equals(gap));
    }

    private void expire(Instant now) {
        for (Iterator<Map.Entry<String, InFlight>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, InFlight> entry = it.next();
            InFlight request = entry.getValue();
            if (Duration.between(request.lastHeard, now).compareTo(settings.answerTimeout()) > 0) {
                it.remove();
                context.log()
                        .answered(
                                about.mn(),
                                entry.getKey(),
                                "timed_out",
                                "超时未应答（" + Waits.zh(settings.answerTimeout()) + "）/ no answer within "
                                        + Waits.en(settings.answerTimeout()),
                                now);
                again(request, now);
            }
        }
    }

    /** A request that went wrong: tried again after the backoff, or given up on after the last try. */
    private void again(InFlight request, Instant now) {
        if (request.attempt < settings.maxAttempts()) {
            int next = request.attempt + 1;
            waiting.add(new Waiting(request.gap, next, now.plus(settings.backoffBefore(next)), request.trigger));
        } else {
            settled.add(request.gap);
            context.metrics().failed(request.gap.kind().cn());
        }
    }

    private void send(Instant now) {
        if (closed) {
            return;
        }
        for (Iterator<Waiting> it = waiting.iterator(); it.hasNext() && inFlight.size() < settings.maxInFlight(); ) {
            Waiting next = it.next();
            if (now.isBefore(next.notBefore())) {
                continue;
            }
            it.remove();
            HistoryGap gap = next.gap();
            String qn = qns.next(now);
            String cn = gap.kind().cn();
            byte[] command = Hj212Codec.encode(Hj212Replies.historyRequest(about, cn, qn, gap.begin(), gap.end()));
            context.log()
                    .sent(
                            monitor.deviceId(),
                            about.mn(),
                            cn,
                            qn,
                            "gap recovery (" + next.trigger() + "): BeginTime=" + Hj212Time.dataTime(gap.begin())
                                    + ", EndTime=" + Hj212Time.dataTime(gap.end()),
                            now,
                            next.attempt());
            inFlight.put(qn, new InFlight(gap, next.attempt(), next.trigger(), now));
            context.metrics().sent(cn);
            outbox.accept(command);
        }
    }
}
