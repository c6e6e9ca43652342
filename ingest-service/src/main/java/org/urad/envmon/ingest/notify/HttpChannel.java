package org.urad.envmon.ingest.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * One HTTP channel: a generic webhook, or a WeCom or DingTalk group robot (signed when the channel
 * has a secret). A robot answers 200 with {@code {"errcode":…}}; anything but 0 is a refusal.
 */
final class HttpChannel {

    private final NotifyProperties.Channel channel;
    private final HttpClient http;
    private final Duration timeout;
    private final String language;
    private final URI consoleUrl;
    private final Clock clock;

    HttpChannel(NotifyProperties.Channel channel, HttpClient http, NotifyProperties p, Clock clock) {
        this.channel = channel;
        this.http = http;
        this.timeout = p.timeout();
        this.language = p.language();
        this.consoleUrl = p.consoleUrl();
        this.clock = clock;
    }

    /** One delivery attempt; returns {@code null} on success, else what went wrong. */
    String send(AlertMessage message) {
        String body = MessageBodies.body(channel, message, language, MessageBodies.link(consoleUrl, message));
        URI url = channel.secret() == null || channel.secret().isBlank()
                ? channel.url()
                : DingTalkSign.signed(channel.url(), channel.secret(), clock.millis());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                return "HTTP " + response.statusCode();
            }
            String answer = response.body() == null ? "" : response.body().replace(" ", "");
            if (!"webhook".equals(channel.type())
                    && answer.contains("\"errcode\":")
                    && !answer.contains("\"errcode\":0")) {
                return "refused: " + abbreviate(response.body());
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
