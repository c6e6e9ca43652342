package org.urad.envmon.ingest.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the stack's own alerts (Prometheus → Alertmanager) to the chat group: Alertmanager posts
 * its webhook JSON to {@code /alertmanager}; the bridge formats it and sends it as the channel's robot
 * wants it, signed and with its @mentions. A chat that refuses or cannot be reached answers 502, so
 * Alertmanager tries again. Runs as its own process (the compose service {@code alert-bridge}), so the
 * service being down is still told; configured from the environment:
 * {@code ALERT_CHAT_TYPE} (dingtalk, wecom, webhook), {@code ALERT_CHAT_URL}, {@code ALERT_CHAT_SECRET},
 * {@code ALERT_CHAT_MENTION_MOBILES}, {@code ALERT_CHAT_MENTION_USER_IDS} (comma-separated),
 * {@code ALERT_LANGUAGE} (zh, en) and {@code ALERT_BRIDGE_PORT} (9098).
 */
public final class AlertmanagerBridge implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertmanagerBridge.class);

    private final HttpServer server;
    private final HttpChannel chat;

    /** {@code channel} null: alerts are logged only (no chat configured). */
    AlertmanagerBridge(NotifyProperties.Channel channel, String language, int port) throws IOException {
        NotifyProperties settings = NotifyProperties.of(channel == null ? List.of() : List.of(channel));
        settings = new NotifyProperties(
                language,
                settings.channels(),
                settings.maxAge(),
                settings.backoffMin(),
                settings.backoffMax(),
                settings.timeout(),
                settings.repeatInterval(),
                settings.pollInterval(),
                null,
                settings.reminderInterval(),
                settings.escalation(),
                settings.retention());
        this.chat = channel == null
                ? null
                : new HttpChannel(
                        channel,
                        HttpClient.newBuilder()
                                .connectTimeout(settings.timeout())
                                .build(),
                        settings,
                        Clock.systemUTC());
        this.server = HttpServer.create(new InetSocketAddress(port), 20);
        server.createContext("/alertmanager", this::alertmanager);
        server.createContext("/health", exchange -> answer(exchange, 200, "UP"));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void alertmanager(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 405, "POST only");
            return;
        }
        String body = new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
        AlertMessage message;
        try {
            message = AlertmanagerMessages.message(body);
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, e.getMessage());
            return;
        }
        if (chat == null) {
            log.warn("No chat configured (ALERT_CHAT_URL): {}", message.titleEn());
            answer(exchange, 200, "no chat configured");
            return;
        }
        String problem = chat.send(message);
        if (problem != null) {
            log.warn("Chat refused or unreachable for {}: {}", message.titleEn(), problem);
            answer(exchange, 502, problem);
            return;
        }
        answer(exchange, 200, "sent");
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** The chat channel the environment describes, or {@code null} when {@code ALERT_CHAT_URL} is empty. */
    static NotifyProperties.Channel channel(Map<String, String> env) {
        String url = env.getOrDefault("ALERT_CHAT_URL", "").strip();
        if (url.isEmpty()) {
            return null;
        }
        String type = env.getOrDefault("ALERT_CHAT_TYPE", "dingtalk").strip();
        if (!List.of("dingtalk", "wecom", "webhook").contains(type)) {
            throw new IllegalArgumentException("ALERT_CHAT_TYPE must be dingtalk, wecom or webhook: " + type);
        }
        String secret = env.getOrDefault("ALERT_CHAT_SECRET", "").strip();
        return new NotifyProperties.Channel(
                "monitoring",
                type,
                URI.create(url),
                secret.isEmpty() ? null : secret,
                list(env.get("ALERT_CHAT_MENTION_MOBILES")),
                list(env.get("ALERT_CHAT_MENTION_USER_IDS")),
                0,
                Duration.ofMinutes(1));
    }

    private static List<String> list(String csv) {
        return csv == null
                ? List.of()
                : Arrays.stream(csv.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        NotifyProperties.Channel channel = channel(env);
        int port = Integer.parseInt(env.getOrDefault("ALERT_BRIDGE_PORT", "9098"));
        new AlertmanagerBridge(channel, env.getOrDefault("ALERT_LANGUAGE", "zh"), port);
        log.info("Alert bridge listening on {} for {}", port, channel == null ? "no chat (log only)" : channel);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
