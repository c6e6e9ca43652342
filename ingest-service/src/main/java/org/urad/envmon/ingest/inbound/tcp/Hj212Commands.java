package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212Replies;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.store.CommandLog;

/**
 * The command exchanges of one connection, for frames whose sender was checked: a logger asking for the
 * time (1013) is set with 1012; a logger whose clock (its QN, the time it sent the frame) is further than
 * {@code clockSkewMax} from ours is set with 1012, at most once per {@link #RESYNC_PAUSE}; the logger's
 * 9011 / 9012 answers settle the command in the {@link CommandLog}. Every command is logged before it is
 * queued on the connection's outbox. Not thread-safe: the connection's reader thread only.
 */
final class Hj212Commands {

    static final String CN_ASK_TIME = "1013";
    static final String CN_SET_TIME = "1012";
    static final String CN_REQUEST_ANSWER = "9011";
    static final String CN_EXECUTION_RESULT = "9012";
    /** The least time between two clock settings of one logger for skew (a logger asking is always answered). */
    static final Duration RESYNC_PAUSE = Duration.ofMinutes(10);

    private final Duration clockSkewMax;
    private final CommandLog log;
    private final Consumer<byte[]> outbox;
    private final Answers answers;
    private final QnSource qns;
    private Instant lastSync;

    /** Who else wants to hear the logger's 9011 / 9012 answers (the connection's gap recovery). */
    interface Answers {
        Answers NONE = (qn, outcome) -> {};

        /** @param outcome as logged: accepted, refused, succeeded, no_data or failed */
        void answered(String qn, String outcome);
    }

    /**
     * @param clockSkewMax {@code null}: loggers are set only when they ask
     * @param qns where the QNs of the commands come from (the listener's one source)
     */
    Hj212Commands(Duration clockSkewMax, CommandLog log, Consumer<byte[]> outbox, QnSource qns, Answers answers) {
        this.clockSkewMax = clockSkewMax;
        this.qns = qns;
        this.log = log;
        this.outbox = outbox;
        this.answers = answers;
    }

    /** Whether the frame was a command exchange, handled here and not for the pipeline. */
    boolean handle(Hj212Frame frame, Monitor monitor, Instant now) {
        switch (frame.cn()) {
            case CN_ASK_TIME -> {
                setTime(frame, monitor, now, "logger asked for the time (1013)");
                return true;
            }
            case CN_REQUEST_ANSWER -> {
                String rtn = frame.cpValue("QnRtn").orElse("");
                String outcome = "1".equals(rtn) ? "accepted" : "refused";
                log.answered(frame.mn(), qnOf(frame), outcome, "QnRtn=" + rtn, now);
                answers.answered(qnOf(frame), outcome);
                return true;
            }
            case CN_EXECUTION_RESULT -> {
                String rtn = frame.cpValue("ExeRtn").orElse("");
                String outcome = switch (rtn) {
                    case "1" -> "succeeded";
                    case "100" -> "no_data";
                    default -> "failed";
                };
                log.answered(frame.mn(), qnOf(frame), outcome, "ExeRtn=" + rtn, now);
                answers.answered(qnOf(frame), outcome);
                return true;
            }
            default -> {
                checkSkew(frame, monitor, now);
                return false;
            }
        }
    }

    private void checkSkew(Hj212Frame frame, Monitor monitor, Instant now) {
        if (clockSkewMax == null || frame.qn() == null || frame.qn().length() != 17) {
            return;
        }
        Instant sent;
        try {
            sent = Hj212Time.parse("QN", frame.qn());
        } catch (DecodeException e) {
            return;
        }
        Duration skew = Duration.between(now, sent);
        if (skew.abs().compareTo(clockSkewMax) > 0
                && (lastSync == null || Duration.between(lastSync, now).compareTo(RESYNC_PAUSE) >= 0)) {
            setTime(frame, monitor, now, "clock skew " + (skew.isNegative() ? "" : "+") + skew.toSeconds() + " s");
        }
    }

    private void setTime(Hj212Frame about, Monitor monitor, Instant now, String reason) {
        lastSync = now;
        String qn = qns.next(now);
        byte[] command = Hj212Codec.encode(
                Hj212Replies.setTime(about, qn, about.cpValue("PolId").orElse(null), now));
        log.sent(monitor.deviceId(), about.mn(), CN_SET_TIME, qn, reason, now);
        outbox.accept(command);
    }

    /** The QN of the command answered: the header's, or (2005 loggers) the one inside CP. */
    private static String qnOf(Hj212Frame answer) {
        return answer.qn() != null ? answer.qn() : answer.cpValue("QN").orElse("");
    }
}
