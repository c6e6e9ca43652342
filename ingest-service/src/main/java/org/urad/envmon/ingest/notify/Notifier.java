package org.urad.envmon.ingest.notify;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.RuleMetrics;

/**
 * Sends alert messages to the configured channels on its own thread ({@code notifier}), retrying
 * with exponential backoff: the configured HTTP channels and, when given, the MQTT alert topic
 * (channel {@code mqtt}) and e-mail (channel {@code email}). {@link #submit} never blocks: when the queue is full the message is
 * dropped and counted as failed. Repeats of the last message for the same rule and subject on a
 * channel (same event) are suppressed within the repeat interval; a change of event (an alert raised
 * again after it was resolved) is always sent, so the channel's last word is the alert's state.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotifyProperties properties;
    private final HttpClient http;
    private final RuleMetrics metrics;
    private final DeliveryListener listener;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private final Map<String, Sent> lastSent = new ConcurrentHashMap<>();
    private final List<Target> targets = new ArrayList<>();
    private final MqttAlertSender mqtt;

    /** The last message sent for a rule and subject on a channel: a repeat of it is suppressed, a change never. */
    private record Sent(String event, Instant at) {}

    /** A place notifications go: its name, and one delivery attempt returning {@code null} or the problem. */
    private record Target(String name, Function<AlertMessage, String> send) {}

    public Notifier(NotifyProperties properties, RuleMetrics metrics, DeliveryListener listener, Clock clock) {
        this(properties, metrics, listener, clock, null);
    }

    /** With {@code mqtt} (may be {@code null}) as one more channel, named {@code mqtt}. */
    public Notifier(
            NotifyProperties properties,
            RuleMetrics metrics,
            DeliveryListener listener,
            Clock clock,
            MqttAlertSender mqtt) {
        this(properties, metrics, listener, clock, mqtt, null);
    }

    /** With {@code mqtt} and {@code email} (each may be {@code null}) as channels {@code mqtt} and {@code email}. */
    public Notifier(
            NotifyProperties properties,
            RuleMetrics metrics,
            DeliveryListener listener,
            Clock clock,
            MqttAlertSender mqtt,
            EmailSender email) {
        this.properties = properties;
        this.mqtt = mqtt;
        for (NotifyProperties.Channel channel : properties.channels()) {
            targets.add(new Target(channel.name(), m -> send(m, channel)));
        }
        if (mqtt != null) {
            targets.add(new Target("mqtt", m -> mqtt.send(m, properties.language())));
        }
        if (email != null) {
            targets.add(new Target("email", email::send));
        }
        this.metrics = metrics;
        this.listener = listener;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "notifier");
            t.setDaemon(true);
            return t;
        });
    }

    public void submit(AlertMessage message) {
        for (Target channel : targets) {
            String key = String.join("|", channel.name(), message.ruleId(), message.subjectId(), message.parameter());
            Instant now = clock.instant();
            Sent last = lastSent.get(key);
            if (last != null
                    && last.event().equals(message.event())
                    && now.isBefore(last.at().plus(properties.repeatInterval()))) {
                continue;
            }
            if (pending.incrementAndGet() > properties.queueCapacity()) {
                pending.decrementAndGet();
                metrics.failed(channel.name());
                listener.failed(message, channel.name(), 0, "notification queue full");
                continue;
            }
            lastSent.put(key, new Sent(message.event(), now));
            executor.execute(() -> attempt(message, channel, 1));
        }
    }

    private void attempt(AlertMessage message, Target channel, int attempt) {
        String problem = channel.send().apply(message);
        if (problem == null) {
            pending.decrementAndGet();
            metrics.sent(channel.name());
            listener.delivered(message, channel.name(), attempt);
            return;
        }
        if (attempt >= properties.maxAttempts() || executor.isShutdown()) {
            pending.decrementAndGet();
            metrics.failed(channel.name());
            log.warn(
                    "Giving up notifying {} of alert {} after {} attempts: {}",
                    channel.name(),
                    message.alertId(),
                    attempt,
                    problem);
            listener.failed(message, channel.name(), attempt, problem);
            return;
        }
        executor.schedule(
                () -> attempt(message, channel, attempt + 1), backoff(attempt).toMillis(), TimeUnit.MILLISECONDS);
    }

    Duration backoff(int attempt) {
        Duration d = properties.backoffMin().multipliedBy(1L << Math.min(20, attempt - 1));
        return d.compareTo(properties.backoffMax()) > 0 ? properties.backoffMax() : d;
    }

    /** One delivery attempt; returns {@code null} on success, else what went wrong. */
    private String send(AlertMessage message, NotifyProperties.Channel channel) {
        String body = MessageBodies.body(channel.type(), message, properties.language());
        HttpRequest request = HttpRequest.newBuilder(channel.url())
                .timeout(properties.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() / 100 != 2) {
                return "HTTP " + response.statusCode();
            }
            // The group robots answer 200 with {"errcode":…,"errmsg":…}; anything but 0 is a refusal.
            String answer = response.body() == null ? "" : response.body().replace(" ", "");
            if (!"webhook".equals(channel.type())
                    && answer.contains("\"errcode\":")
                    && !answer.contains("\"errcode\":0")) {
                return "refused: " + response.body();
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        if (mqtt != null) {
            try {
                executor.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mqtt.close();
        }
    }
}
