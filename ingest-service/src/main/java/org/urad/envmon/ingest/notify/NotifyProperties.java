package org.urad.envmon.ingest.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.notify.*}: where alert notifications go and how hard we try. Every notification is a
 * row of the outbox table, written in the alert's own transaction and sent by the notifier thread.
 *
 * @param language {@code zh} (default) or {@code en}
 * @param maxAge how long an undelivered notification is retried before it is given up
 * @param backoffMin first wait after a failed attempt; doubled after each one up to {@code backoffMax}
 * @param repeatInterval least time between two notifications of the same event for the same rule and
 *     subject on one channel; a change of event (raised again after resolved) is always sent
 * @param pollInterval how often the notifier looks for due rows (it is also woken after each alert commit)
 * @param consoleUrl the console's external base URL ({@code https://envmon.example/}); each message links
 *     to {@code console/alerts/{id}} under it; unset: no link
 * @param reminderInterval a breach left open (not acknowledged) is told again this often; 0: never
 * @param escalation unacknowledged alerts told to a second channel
 * @param retention how long delivered, given-up and digested rows stay in the outbox (those of alerts
 *     still open stay)
 */
@ConfigurationProperties("ingest.notify")
@Validated
public record NotifyProperties(
        @DefaultValue("zh") @Pattern(regexp = "zh|en") String language,
        @DefaultValue @Valid List<Channel> channels,
        @DefaultValue("24h") Duration maxAge,
        @DefaultValue("5s") Duration backoffMin,
        @DefaultValue("30m") Duration backoffMax,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1h") Duration repeatInterval,
        @DefaultValue("1s") Duration pollInterval,
        URI consoleUrl,
        @DefaultValue("4h") Duration reminderInterval,
        @Valid @DefaultValue Escalation escalation,
        @DefaultValue("90d") Duration retention) {

    /** Settings with everything but the channels at their defaults (tests, tools). */
    public static NotifyProperties of(List<Channel> channels) {
        return new NotifyProperties(
                "zh",
                channels,
                Duration.ofHours(24),
                Duration.ofSeconds(5),
                Duration.ofMinutes(30),
                Duration.ofSeconds(10),
                Duration.ofHours(1),
                Duration.ofSeconds(1),
                null,
                Duration.ofHours(4),
                new Escalation(Duration.ofHours(8), List.of()),
                Duration.ofDays(90));
    }

    /**
     * @param after an alert still open (not acknowledged, not resolved) this long after it was opened is
     *     told once to the escalation channels
     * @param channels names of channels that get only escalations (e.g. the bureau leaders' group)
     */
    public record Escalation(
            @DefaultValue("8h") Duration after,
            @DefaultValue List<String> channels) {}

    /**
     * @param type {@code webhook} (generic JSON), {@code wecom} (企业微信 group robot) or
     *     {@code dingtalk} (钉钉 group robot)
     * @param url the endpoint, including a robot's access key; never printed. Unset or empty: the channel
     *     is off (so that a deployment can leave its chat empty in {@code .env})
     * @param secret DingTalk 加签 secret ({@code SEC…}); the request then carries {@code timestamp} and
     *     {@code sign}; never printed
     * @param mentionMobiles phone numbers to @ in each message (WeCom, DingTalk)
     * @param mentionUserIds user ids to @ in each message (WeCom {@code mentioned_list}, DingTalk
     *     {@code atUserIds})
     * @param rateLimit most messages per {@code rateWindow}; -1: the robot's own limit (20 a minute for
     *     WeCom and DingTalk, none for a generic webhook); 0: none. A backlog beyond it is sent as one digest
     */
    public record Channel(
            @NotBlank String name,

            @NotBlank @Pattern(regexp = "webhook|wecom|dingtalk")
            String type,

            URI url,
            String secret,
            @DefaultValue List<String> mentionMobiles,
            @DefaultValue List<String> mentionUserIds,
            @DefaultValue("-1") @Min(-1) int rateLimit,
            @DefaultValue("1m") Duration rateWindow) {

        /** The constructor configuration binds (the record has another one). */
        @ConstructorBinding
        public Channel {}

        public Channel(String name, String type, URI url) {
            this(name, type, url, null, List.of(), List.of(), -1, Duration.ofMinutes(1));
        }

        public boolean enabled() {
            return url != null && !url.toString().isBlank();
        }

        /** Messages per window, 0 for none. */
        public int effectiveRateLimit() {
            if (rateLimit >= 0) {
                return rateLimit;
            }
            return "webhook".equals(type) ? 0 : 20;
        }

        @Override
        public String toString() {
            return "Channel[name=%s, type=%s, host=%s, secret=%s, rateLimit=%d/%s]"
                    .formatted(
                            name,
                            type,
                            url == null ? "none" : url.getHost(),
                            secret == null ? "none" : "****",
                            effectiveRateLimit(),
                            rateWindow);
        }
    }
}
