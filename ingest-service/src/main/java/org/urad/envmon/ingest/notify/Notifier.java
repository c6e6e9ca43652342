package org.urad.envmon.ingest.notify;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;

/**
 * Alert notifications through the outbox. {@link #submit} queues a message for every ordinary
 * channel in the caller's transaction (the alert's own), so a crash between the alert's commit and the
 * send loses nothing. The {@code notifier} thread claims due rows, sends them, and marks them
 * delivered or tries again with exponential backoff until {@code max-age}; it also queues reminders
 * and escalations. Channels: the configured HTTP channels and, when given, the MQTT alert topic
 * (channel {@code mqtt}) and e-mail (channel {@code email}).
 */
public final class Notifier implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    private static final Duration REMINDER_PASS = Duration.ofMinutes(1);
    private static final Duration CLEANUP_PASS = Duration.ofHours(1);

    /** A place notifications go: its name, rate limit, and one delivery attempt returning {@code null} or the problem. */
    private record Target(String name, int rateLimit, Duration rateWindow, Function<AlertMessage, String> send) {}

    private final NotifyProperties properties;
    private final RuleMetrics metrics;
    private final DeliveryListener listener;
    private final Clock clock;
    private final Outbox outbox;
    private final Reminders reminders;
    private final Backoff backoff;
    private final List<Target> targets = new ArrayList<>();
    private final List<String> ordinary = new ArrayList<>();
    private final List<String> escalating = new ArrayList<>();
    private final MqttAlertSender mqtt;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicBoolean woken = new AtomicBoolean();
    private volatile double depth;
    private volatile double oldestAge;
    private Instant nextReminderPass = Instant.MIN;
    private Instant nextCleanup = Instant.MIN;

    public Notifier(
            NotifyProperties properties,
            DataSource dataSource,
            RuleMetrics metrics,
            DeliveryListener listener,
            Clock clock) {
        this(properties, dataSource, metrics, listener, clock, null, null);
    }

    /** With {@code mqtt} and {@code email} (each may be {@code null}) as channels {@code mqtt} and {@code email}. */
    public Notifier(
            NotifyProperties properties,
            DataSource dataSource,
            RuleMetrics metrics,
            DeliveryListener listener,
            Clock clock,
            MqttAlertSender mqtt,
            EmailSender email) {
        this.properties = properties;
        this.metrics = metrics;
        this.listener = listener;
        this.clock = clock;
        this.mqtt = mqtt;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.outbox = new Outbox(jdbc, tx);
        this.reminders = new Reminders(jdbc, tx, outbox);
        this.backoff = new Backoff(properties.backoffMin(), properties.backoffMax(), properties.maxAge());
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
        for (NotifyProperties.Channel channel : properties.channels()) {
            if (!channel.enabled()) {
                log.warn("Notification channel {} has no URL: off", channel.name());
                continue;
            }
            HttpChannel sender = new HttpChannel(channel, http, properties, clock);
            targets.add(new Target(channel.name(), channel.effectiveRateLimit(), channel.rateWindow(), sender::send));
        }
        if (mqtt != null) {
            targets.add(new Target("mqtt", 0, Duration.ofMinutes(1), m -> mqtt.send(m, properties.language())));
        }
        if (email != null) {
            targets.add(new Target(
                    "email",
                    0,
                    Duration.ofMinutes(1),
                    m -> email.send(m, MessageBodies.link(properties.consoleUrl(), m))));
        }
        List<String> configured = new ArrayList<>(properties.channels().stream()
                .map(NotifyProperties.Channel::name)
                .toList());
        configured.addAll(List.of("mqtt", "email"));
        for (String name : properties.escalation().channels()) {
            if (!configured.contains(name)) {
                throw new IllegalStateException(
                        "ingest.notify.escalation.channels names " + name + ", which is not a configured channel");
            }
        }
        for (Target t : targets) {
            (properties.escalation().channels().contains(t.name()) ? escalating : ordinary).add(t.name());
        }
        metrics.outbox(() -> depth, () -> oldestAge);
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "notifier");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the {@code notifier} thread: a pass every poll interval, and one after each {@link #wake}. */
    public Notifier start() {
        long every = properties.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::pass, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Queues {@code message} for every ordinary channel, in the caller's transaction when there is one.
     * A repeat of the channel's last event for the same rule and subject within the repeat interval is
     * dropped; a change of event never is.
     */
    public void submit(AlertMessage message) {
        Instant now = clock.instant();
        for (String channel : ordinary) {
            outbox.enqueueEvent(message, channel, now, properties.repeatInterval());
        }
    }

    /** Asks for a pass now (after an alert transaction committed). */
    public void wake() {
        if (!executor.isShutdown() && woken.compareAndSet(false, true)) {
            executor.execute(this::pass);
        }
    }

    private void pass() {
        woken.set(false);
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("Notification pass failed, trying again in {}: {}", properties.pollInterval(), e.toString());
        }
    }

    /** One pass: queue reminders and escalations when due, then send what is due on every channel. */
    void runOnce() {
        Instant now = clock.instant();
        if (!now.isBefore(nextReminderPass)) {
            nextReminderPass = now.plus(REMINDER_PASS);
            reminders.run(
                    now,
                    properties.reminderInterval(),
                    ordinary,
                    properties.escalation().after(),
                    escalating);
        }
        if (!now.isBefore(nextCleanup)) {
            nextCleanup = now.plus(CLEANUP_PASS);
            reminders.forget(now.minus(properties.retention()));
        }
        for (Target target : targets) {
            List<OutboxRow> rows =
                    outbox.claim(target.name(), target.rateLimit(), target.rateWindow(), properties.timeout(), now);
            for (OutboxRow row : rows) {
                deliver(target, row);
            }
        }
        double[] backlog = outbox.backlog(clock.instant());
        depth = backlog[0];
        oldestAge = backlog[1];
    }

    private void deliver(Target target, OutboxRow row) {
        AlertMessage message = row.message();
        String problem;
        try {
            problem = target.send().apply(message);
        } catch (RuntimeException e) {
            problem = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        Instant now = clock.instant();
        boolean digest = "digest".equals(row.kind());
        if (problem == null) {
            outbox.delivered(row.id(), now);
            metrics.sent(target.name());
            if (digest) {
                metrics.digest(target.name());
            } else {
                listener.delivered(message, target.name(), row.attempts());
            }
            return;
        }
        Instant next = backoff.next(row.createdAt(), row.attempts(), now);
        if (next != null) {
            outbox.retry(row.id(), next, problem);
            return;
        }
        outbox.failed(row.id(), now, problem);
        metrics.failed(target.name());
        log.warn(
                "Giving up notifying {} of alert {} after {} attempts over {}: {}",
                target.name(),
                message.alertId(),
                row.attempts(),
                Duration.between(row.createdAt(), now),
                problem);
        if (!digest) {
            listener.failed(message, target.name(), row.attempts(), problem);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(properties.timeout().toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (mqtt != null) {
            mqtt.close();
        }
    }
}
