package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Verifies the stack's own alert rules: every metric and label they name is one the service exposes
 * ({@link ExposedMetrics}), every failure the operators asked to hear about has a rule, Prometheus
 * loads the file and talks to the compose file's Alertmanager, which posts to the alert bridge; and,
 * where promtool (Debian's {@code prometheus}) is installed, {@code promtool check rules} accepts it.
 */
class AlertRulesTests {

    private static final String RULES = "ingest-service/deploy/prometheus/alerts.yml";
    private static final Pattern METRIC = Pattern.compile("\\b(?:ingest|disk)_\\w+");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Set<String> SCRAPE_LABELS = Set.of("instance", "job");

    @Test
    void everyMetricAndLabelInAnAlertIsExposedByTheService() throws IOException {
        Set<String> exposed = ExposedMetrics.sampleNames();
        Set<String> labels = ExposedMetrics.labelNames();
        for (Map<String, Object> rule : rules()) {
            String expr = (String) rule.get("expr");
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                assertThat(exposed).as("metric in %s", rule.get("alert")).contains(m.group());
            }
            Matcher g = GROUPING.matcher(expr);
            while (g.find()) {
                for (String label : g.group(1).split(",")) {
                    assertThat(labels.contains(label.trim()) || SCRAPE_LABELS.contains(label.trim()))
                            .as("label %s in %s", label.trim(), rule.get("alert"))
                            .isTrue();
                }
            }
        }
    }

    @Test
    void everyFailureTheOperatorsAskedForHasARuleWithSeverityAndSummary() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> rule : rules()) {
            names.add((String) rule.get("alert"));
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) rule.get("labels");
            @SuppressWarnings("unchecked")
            Map<String, Object> annotations = (Map<String, Object>) rule.get("annotations");
            assertThat(labels.get("severity"))
                    .as("severity of %s", rule.get("alert"))
                    .isIn("critical", "warning");
            assertThat((String) annotations.get("summary"))
                    .as("summary of %s", rule.get("alert"))
                    .isNotBlank();
        }
        assertThat(names)
                .contains(
                        "IngestServiceDown",
                        "IngestFlusherStalled",
                        "IngestNotReady",
                        "IngestBrokerDisconnected",
                        "IngestQuarantineRateHigh",
                        "IngestSequenceGaps",
                        "IngestRuleLag",
                        "IngestDiskLow");
        String all = String.join(
                "\n", rules().stream().map(r -> (String) r.get("expr")).toList());
        assertThat(all)
                .contains("ingest_flusher_stall_seconds", "ingest_mqtt_connected", "ingest_rules_lag_seconds")
                .contains("up{job=\"ingest-service\"}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusLoadsTheRulesAndAlertmanagerPostsToTheBridge() throws IOException {
        Map<String, Object> prometheus = yaml("ingest-service/deploy/prometheus/prometheus.yml");
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(prometheus.get("alerting").toString()).contains("alertmanager:9093");

        Map<String, Map<String, Object>> services =
                (Map<String, Map<String, Object>>) yaml("docker-compose.yml").get("services");
        assertThat((List<String>) services.get("prometheus").get("volumes"))
                .contains("./" + RULES + ":/etc/prometheus/alerts.yml:ro");
        assertThat(services).containsKeys("alertmanager", "alert-bridge");
        Map<String, Object> bridgeEnv =
                (Map<String, Object>) services.get("alert-bridge").get("environment");
        assertThat(bridgeEnv).containsKeys("ALERT_CHAT_URL", "ALERT_CHAT_SECRET", "ALERT_CHAT_TYPE");
        Map<String, Object> ingestEnv =
                (Map<String, Object>) services.get("ingest").get("environment");
        // the same chat group for the service's alerts and the stack's own
        assertThat(ingestEnv.get("INGEST_NOTIFY_CHANNELS_0_URL")).isEqualTo(bridgeEnv.get("ALERT_CHAT_URL"));
        assertThat(ingestEnv.get("INGEST_NOTIFY_CHANNELS_0_SECRET")).isEqualTo(bridgeEnv.get("ALERT_CHAT_SECRET"));

        String alertmanager =
                Files.readString(RepositoryFiles.resolve("ingest-service/deploy/alertmanager/alertmanager.yml"));
        assertThat(alertmanager)
                .contains("url: http://alert-bridge:" + bridgeEnv.get("ALERT_BRIDGE_PORT") + "/alertmanager");
    }

    @Test
    void promtoolAcceptsTheRules() throws Exception {
        Optional<Path> promtool = ComposeFileTests.onPath("promtool");
        assumeTrue(
                promtool.isPresent(),
                "promtool is not installed (apt-get install prometheus): rules not checked by it");
        assertThat(run(
                        promtool.get().toString(),
                        "check",
                        "rules",
                        RepositoryFiles.resolve(RULES).toString()))
                .contains("SUCCESS");
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfiguration() throws Exception {
        Optional<Path> amtool = ComposeFileTests.onPath("amtool");
        assumeTrue(
                amtool.isPresent(), "amtool is not installed (apt-get install prometheus-alertmanager): not checked");
        assertThat(run(
                        amtool.get().toString(),
                        "check-config",
                        RepositoryFiles.resolve("ingest-service/deploy/alertmanager/alertmanager.yml")
                                .toString()))
                .contains("SUCCESS");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        return output;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rules() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(RULES).get("groups")) {
            out.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        assertThat(out).isNotEmpty();
        return out;
    }

    private static Map<String, Object> yaml(String file) throws IOException {
        return new Yaml().load(Files.readString(RepositoryFiles.resolve(file)));
    }
}
