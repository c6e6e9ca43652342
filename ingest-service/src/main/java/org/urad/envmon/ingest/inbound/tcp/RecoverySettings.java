package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;

/**
 * How the listener recovers the gaps in a logger's data ({@link HistoryRecovery}).
 *
 * @param horizon how far back gaps are looked for; recovered readings this old are stored even beyond
 *     the live max-age
 * @param maxSpan the longest span one request asks for (a daily request asks for at least one day)
 * @param maxInFlight requests one connection may have unanswered at once
 * @param maxAttempts tries of one span (refused, failed, or unanswered within {@code answerTimeout})
 * @param backoff the wait before the second try; it doubles for every further one
 * @param answerTimeout how long a request may go without an answer (9011, a data frame or 9012)
 * @param scanInterval how often a connected logger's stored data are checked for gaps (also on connect)
 */
public record RecoverySettings(
        Duration horizon,
        Duration maxSpan,
        int maxInFlight,
        int maxAttempts,
        Duration backoff,
        Duration answerTimeout,
        Duration scanInterval) {

    /** The longest pause of the recovery thread between two looks at the connections. */
    private static final Duration MAX_TICK = Duration.ofSeconds(1);

    private static final Duration MIN_TICK = Duration.ofMillis(10);

    public RecoverySettings {
        if (maxInFlight < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxInFlight and maxAttempts must be at least 1");
        }
        if (horizon.isNegative() || horizon.isZero() || maxSpan.isNegative() || maxSpan.isZero()) {
            throw new IllegalArgumentException("horizon and maxSpan must be positive");
        }
    }

    /** How often the recovery thread looks at the connections: often enough for the shortest wait above. */
    Duration tick() {
        Duration shortest = scanInterval;
        if (answerTimeout.compareTo(shortest) < 0) {
            shortest = answerTimeout;
        }
        if (backoff.compareTo(shortest) < 0) {
            shortest = backoff;
        }
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(MAX_TICK) > 0 ? MAX_TICK : quarter.compareTo(MIN_TICK) < 0 ? MIN_TICK : quarter;
    }

    /** The wait before try {@code attempt} (2 or more): {@code backoff}, doubled for every further try. */
    Duration backoffBefore(int attempt) {
        return backoff.multipliedBy(1L << Math.min(20, Math.max(0, attempt - 2)));
    }
}
