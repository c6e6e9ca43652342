package org.urad.envmon.ingest.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When a notification repeats the last one for the same rule and subject on a channel. A repeat of
 * the same event within the interval is suppressed; a change of event (an alert raised again after it
 * was resolved) never is, so the channel's last word is the alert's state.
 */
final class Repeats {

    private Repeats() {}

    /**
     * @param lastEvent the event last queued for this rule, subject and channel, or {@code null}
     * @param lastAt when it was queued
     */
    static boolean suppressed(String lastEvent, Instant lastAt, String event, Instant now, Duration interval) {
        return lastEvent != null && lastEvent.equals(event) && now.isBefore(lastAt.plus(interval));
    }
}
