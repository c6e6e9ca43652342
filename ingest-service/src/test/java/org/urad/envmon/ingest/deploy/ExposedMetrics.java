package org.urad.envmon.ingest.deploy;

import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.File;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.RuleMetrics;

/**
 * The metric names the service exposes on {@code /actuator/prometheus}, derived from the meters
 * themselves: every meter of {@link IngestMetrics} (with its {@link org.urad.envmon.ingest.metrics.TcpMetrics}) and {@link RuleMetrics} is registered on a Prometheus registry, used once,
 * with the disk-space meters Spring Boot binds, and the registry's text output is scraped.
 */
final class ExposedMetrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{|\\s)", Pattern.MULTILINE);

    private static final Pattern LABEL = Pattern.compile("[{,]([a-zA-Z_]\\w*)=\"");

    private ExposedMetrics() {}

    static String scrape() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        IngestMetrics metrics = new IngestMetrics(registry);
        metrics.received("json");
        metrics.rejected("malformed_payload");
        metrics.stored(3, 1, 1, 1);
        metrics.batch(5, Duration.ofMillis(12));
        metrics.flushFailed();
        metrics.receiveToCommit(Duration.ofMillis(40));
        metrics.publishToCommit(Duration.ofMillis(90));
        metrics.connected();
        metrics.sequenceGap(2);
        metrics.bufferDepth(() -> 7);
        metrics.connectionState(() -> 1);
        metrics.rateLimited();
        metrics.tcpRefused("per_address");
        metrics.tcpConnections(() -> 3);
        var tcp = metrics.tcp("szy206");
        tcp.connections(() -> 2);
        tcp.connectionRefused("total");
        tcp.frame();
        tcp.frameRefused("bad_crc");
        tcp.replied();
        metrics.isolated();
        metrics.deadLettered();
        metrics.flusherStall(() -> 0.5);
        metrics.bufferFull(() -> 0);
        metrics.aggregateAges(aggregate -> 300);
        RuleMetrics rules = new RuleMetrics(registry);
        rules.raised("WELL_QUOTA", "breach");
        rules.resolved("WELL_QUOTA");
        rules.sent("ops");
        rules.failed("ops");
        rules.ruleFailed("window");
        rules.rulesDeferred(4);
        rules.lag(() -> 1.5);
        rules.catchUpWaiting(() -> 3);
        rules.caughtUp();
        rules.digest("ops");
        rules.outbox(() -> 2, () -> 30.0);
        rules.pointRulesDue(() -> 1);
        rules.pointRulesSwept(1);
        // bound by Spring Boot for the working directory (management.metrics.system.diskspace.paths)
        new DiskSpaceMetrics(new File(".")).bindTo(registry);
        String text = registry.scrape();
        registry.close();
        return text;
    }

    /** Label names on any sample. */
    static Set<String> labelNames() {
        Set<String> names = new TreeSet<>();
        Matcher m = LABEL.matcher(scrape());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Names of the samples (not the families): {@code x_total}, {@code x_seconds_bucket}, … */
    static Set<String> sampleNames() {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE.matcher(scrape());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
