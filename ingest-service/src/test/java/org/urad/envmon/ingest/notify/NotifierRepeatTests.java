package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Verifies that repeats are suppressed but a change of state never is: an alert raised again right
 * after it was resolved reaches the channel, so the chat's last word is the alert's state. (The same
 * rule on the outbox, end to end: {@code NotifierOutboxIntegrationTests}.)
 */
class NotifierRepeatTests {

    private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void suppressesTheSameEventWithinTheInterval() {
        assertThat(Repeats.suppressed("opened", T, "opened", T.plusSeconds(60), HOUR))
                .isTrue();
    }

    @Test
    void sendsTheSameEventAgainOnceTheIntervalHasPassed() {
        assertThat(Repeats.suppressed("opened", T, "opened", T.plus(HOUR), HOUR))
                .isFalse();
    }

    @Test
    void alwaysSendsAChangeOfEvent() {
        assertThat(Repeats.suppressed("opened", T, "resolved", T.plusSeconds(1), HOUR))
                .isFalse();
        assertThat(Repeats.suppressed("resolved", T, "opened", T.plusSeconds(1), HOUR))
                .isFalse();
    }

    @Test
    void sendsTheFirstMessage() {
        assertThat(Repeats.suppressed(null, null, "opened", T, HOUR)).isFalse();
    }
}
