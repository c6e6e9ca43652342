package org.urad.envmon.ingest.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.urad.envmon.ingest.notify.NotifyProperties;

/** Notification settings for tests: fast polling and short backoff, the rest at the defaults. */
public final class NotifySettings {

    private NotifySettings() {}

    public static NotifyProperties fast(List<NotifyProperties.Channel> channels) {
        return fast(channels, Duration.ofHours(1), null);
    }

    public static NotifyProperties fast(List<NotifyProperties.Channel> channels, Duration maxAge, URI consoleUrl) {
        return new NotifyProperties(
                "zh",
                channels,
                maxAge,
                Duration.ofMillis(50),
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofHours(1),
                Duration.ofMillis(20),
                consoleUrl,
                Duration.ofHours(4),
                new NotifyProperties.Escalation(Duration.ofHours(8), List.of()),
                Duration.ofDays(90));
    }
}
