package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.deploy.Dashboards.Dashboard;
import org.urad.envmon.ingest.deploy.Dashboards.Target;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.metrics.TcpMetrics;

/**
 * Verifies that the Prometheus queries name metrics and labels the service really exposes, as derived
 * from the meters themselves ({@link ExposedMetrics}), and that every meter is on a dashboard.
 */
class DashboardPromQlTests {

    private static final Pattern METRIC = Pattern.compile("\\bingest_\\w+");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    /** Labels Prometheus adds when scraping, and the bucket label of histograms. */
    private static final Set<String> SCRAPE_LABELS = Set.of("instance", "job", "le");

    private final Set<String> exposed = ExposedMetrics.sampleNames();
    private final Set<String> labels = ExposedMetrics.labelNames();

    @Test
    void everyMetricInAQueryIsExposedByTheService() {
        List<String> expressions = expressions();
        assertThat(expressions).isNotEmpty();
        for (String expr : expressions) {
            Matcher m = METRIC.matcher(expr);
            assertThat(m.find()).as("names a service metric: %s", expr).isTrue();
            do {
                assertThat(exposed).as("metric in %s", expr).contains(m.group());
            } while (m.find());
        }
    }

    @Test
    void everyGroupingAndLegendLabelExists() {
        for (Target t : Dashboards.targets("urad-prom")) {
            List<String> used = new ArrayList<>();
            Matcher g = GROUPING.matcher((String) t.query().get("expr"));
            while (g.find()) {
                for (String label : g.group(1).split(",")) {
                    used.add(label.trim());
                }
            }
            Matcher l = LEGEND_LABEL.matcher(String.valueOf(t.query().get("legendFormat")));
            while (l.find()) {
                used.add(l.group(1));
            }
            for (String label : used) {
                assertThat(labels.contains(label) || SCRAPE_LABELS.contains(label))
                        .as("label %s in %s", label, t.name())
                        .isTrue();
            }
        }
    }

    @Test
    void everyMeterOfTheServiceIsOnADashboard() throws IllegalAccessException {
        String all = String.join("\n", expressions());
        for (Class<?> meters : List.of(IngestMetrics.class, TcpMetrics.class, RuleMetrics.class)) {
            for (Field f : meters.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                    String prefix = ((String) f.get(null)).replace('.', '_');
                    assertThat(all).as("a query on %s", f.get(null)).contains(prefix);
                }
            }
        }
    }

    private static List<String> expressions() {
        List<String> out = new ArrayList<>();
        for (Target t : Dashboards.targets("urad-prom")) {
            out.add((String) t.query().get("expr"));
        }
        for (Dashboard d : Dashboards.all()) {
            for (Map<String, Object> v : d.variables()) {
                if ("urad-prom".equals(Dashboards.map(v.get("datasource")).get("uid"))) {
                    out.add((String) v.get("definition"));
                }
            }
        }
        return out;
    }

    @Test
    void derivedNamesFollowMicrometersPrometheusConventions() {
        assertThat(exposed)
                .contains(
                        "ingest_readings_stored_readings_total",
                        "ingest_flush_duration_seconds_bucket",
                        "ingest_buffer_depth_messages",
                        "ingest_mqtt_connected");
        assertThat(new TreeSet<>(labels)).contains("format", "reason");
    }
}
