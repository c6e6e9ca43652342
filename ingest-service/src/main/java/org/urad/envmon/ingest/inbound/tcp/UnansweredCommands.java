package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.store.CommandLog;

/**
 * The sweep that settles the commands nobody will answer any more. A logger's answer is matched to the
 * request held in memory by the connection that sent it; once that connection is gone, or the service
 * that held it stopped, a command still {@code sent} stays so for ever. The sweep logs as {@code timed_out}
 * every command still {@code sent} {@link #FACTOR} times the answer timeout after it was sent, far beyond
 * what a request still in flight may wait; it is idempotent, so any number of instances may run it.
 */
final class UnansweredCommands implements Runnable {

    /** How many answer timeouts a command waits before the sweep gives up on it. */
    static final int FACTOR = 10;

    private static final Logger log = LoggerFactory.getLogger(UnansweredCommands.class);

    private final CommandLog commands;
    private final Duration answerTimeout;
    private final Clock clock;

    UnansweredCommands(CommandLog commands, Duration answerTimeout, Clock clock) {
        this.commands = commands;
        this.answerTimeout = answerTimeout;
        this.clock = clock;
    }

    /** How often the sweep runs: once per answer timeout. */
    Duration every() {
        return answerTimeout;
    }

    /** Settles what is due; never throws (the listener keeps it scheduled). */
    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            Duration after = answerTimeout.multipliedBy(FACTOR);
            int settled = commands.expireUnanswered(
                    now.minus(after),
                    "超时未应答（" + Waits.zh(after) + "），连接或服务已不在 / no answer within " + Waits.en(after)
                            + ", link or service gone",
                    now);
            if (settled > 0) {
                log.info("{} commands unanswered for {} logged as timed out", settled, after);
            }
        } catch (RuntimeException e) {
            log.warn("Sweeping unanswered commands failed: {}", e.toString());
        }
    }
}
