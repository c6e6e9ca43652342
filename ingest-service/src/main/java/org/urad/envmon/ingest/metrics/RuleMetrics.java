package org.urad.envmon.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Meters of the rules and notifications, named in one place. Tags: rule id and severity (a fixed
 * catalogue), channel name (configured); never a device or subject.
 */
public final class RuleMetrics {

    public static final String ALERTS_RAISED = "ingest.alerts.raised";
    public static final String ALERTS_RESOLVED = "ingest.alerts.resolved";
    public static final String NOTIFICATIONS_SENT = "ingest.notifications.sent";
    public static final String NOTIFICATIONS_FAILED = "ingest.notifications.failed";
    public static final String NOTIFICATIONS_DIGESTS = "ingest.notifications.digests";
    public static final String OUTBOX_DEPTH = "ingest.notifications.outbox.depth";
    public static final String OUTBOX_OLDEST = "ingest.notifications.outbox.oldest";
    public static final String RULE_FAILURES = "ingest.rules.failures";
    public static final String RULES_DEFERRED = "ingest.rules.deferred";
    public static final String RULES_LAG = "ingest.rules.lag";
    public static final String CATCHUP_WAITING = "ingest.rules.catchup.waiting";
    public static final String CATCHUP_JUDGED = "ingest.rules.catchup.judged";
    public static final String POINT_DUE = "ingest.rules.point.due";
    public static final String POINT_SWEPT = "ingest.rules.point.swept";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public RuleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An alert opened, or escalated from warning to breach. */
    public void raised(String rule, String severity) {
        counter(ALERTS_RAISED, "Alerts opened or escalated, by rule and severity", "rule", rule, "severity", severity)
                .increment();
    }

    public void resolved(String rule) {
        counter(ALERTS_RESOLVED, "Alerts resolved, by rule", "rule", rule, null, null)
                .increment();
    }

    public void sent(String channel) {
        counter(NOTIFICATIONS_SENT, "Notifications delivered, by channel", "channel", channel, null, null)
                .increment();
    }

    /** A notification given up on after its retries (or refused because the queue was full). */
    public void failed(String channel) {
        counter(NOTIFICATIONS_FAILED, "Notifications given up on, by channel", "channel", channel, null, null)
                .increment();
    }

    /** A digest delivered: a channel's backlog beyond its rate limit sent as one message. */
    public void digest(String channel) {
        counter(
                        NOTIFICATIONS_DIGESTS,
                        "Digests delivered (a backlog beyond the rate limit in one message), by channel",
                        "channel",
                        channel,
                        null,
                        null)
                .increment();
    }

    /** Notifications waiting in the outbox, and the age of the oldest one not yet delivered. */
    public void outbox(Supplier<Number> depth, Supplier<Number> oldestSeconds) {
        Gauge.builder(OUTBOX_DEPTH, depth)
                .description("Notifications in the outbox not yet delivered or given up")
                .baseUnit("notifications")
                .register(registry);
        Gauge.builder(OUTBOX_OLDEST, oldestSeconds)
                .description("Age of the oldest notification in the outbox not yet delivered or given up")
                .baseUnit("seconds")
                .register(registry);
    }

    /** A rule evaluation that failed on our side (query or code), by rule group. */
    public void ruleFailed(String group) {
        counter(RULE_FAILURES, "Rule evaluations that failed and will be retried", "group", group, null, null)
                .increment();
    }

    /** Committed messages whose point rules were deferred to the catch-up because the rule queue was full. */
    public void rulesDeferred(int messages) {
        counter(
                        RULES_DEFERRED,
                        "Committed messages whose point rules were deferred to a catch-up",
                        "group",
                        "batch",
                        null,
                        null)
                .increment(messages);
    }

    /** Seconds the point rules are behind the commits (0 when up to date). */
    public void lag(Supplier<Number> seconds) {
        Gauge.builder(RULES_LAG, seconds)
                .description("Age of the oldest committed batch the point rules have not yet judged")
                .baseUnit("seconds")
                .register(registry);
    }

    /** Windows marked for judging again (late data, imports) that the catch-up has not yet judged. */
    public void catchUpWaiting(Supplier<Number> windows) {
        Gauge.builder(CATCHUP_WAITING, windows)
                .description("Windows marked by late or imported data that the catch-up has still to judge")
                .baseUnit("windows")
                .register(registry);
    }

    /** A marked window judged by the catch-up, oldest first. */
    public void caughtUp() {
        counter(CATCHUP_JUDGED, "Marked windows judged again by the catch-up", "group", "window", null, null)
                .increment();
    }

    /** Committed batch ranges the point rules have still to judge ({@code point_rule_due}), as of the last sweep. */
    public void pointRulesDue(Supplier<Number> rows) {
        Gauge.builder(POINT_DUE, rows)
                .description("Committed batch ranges the point rules have still to judge, as of the last sweep")
                .baseUnit("rows")
                .register(registry);
    }

    /** Left-over committed batch ranges (a crash, a failed judgement) the sweep read back and judged. */
    public void pointRulesSwept(int rows) {
        if (rows > 0) {
            counter(POINT_SWEPT, "Left-over committed batch ranges judged by the sweep", "group", "batch", null, null)
                    .increment(rows);
        }
    }

    private Counter counter(String name, String description, String k1, String v1, String k2, String v2) {
        String key = name + '|' + v1 + '|' + v2;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder b = Counter.builder(name).description(description).tag(k1, v1);
            if (k2 != null) {
                b.tag(k2, v2);
            }
            return b.register(registry);
        });
    }
}
