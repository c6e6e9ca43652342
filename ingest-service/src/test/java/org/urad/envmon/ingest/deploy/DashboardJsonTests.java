package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.deploy.Dashboards.Dashboard;
import org.yaml.snakeyaml.Yaml;

/** Verifies the dashboard files as Grafana's file provisioning will load them. */
class DashboardJsonTests {

    private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([\\w-]+)[?/]");

    private final List<Dashboard> dashboards = Dashboards.all();

    @Test
    void everyDashboardFileIsValidJsonWithItsStableUid() {
        assertThat(dashboards)
                .extracting(Dashboard::uid)
                .containsExactlyInAnyOrder(
                        "urad-alerts",
                        "urad-cems",
                        "urad-gates",
                        "urad-groundwater",
                        "urad-ingest-health",
                        "urad-overview",
                        "urad-water-quality");
        for (Dashboard d : dashboards) {
            String file = d.file().getFileName().toString();
            assertThat("urad-" + file.replace(".json", ""))
                    .as("file name of %s", d.uid())
                    .isEqualTo(d.uid());
        }
    }

    @Test
    void dashboardsShowLocalTime() {
        assertThat(dashboards)
                .allSatisfy(
                        d -> assertThat(d.json().get("timezone")).as(d.uid()).isEqualTo("Asia/Shanghai"));
    }

    @Test
    void everyPanelHasAUnit() {
        for (Dashboard d : dashboards) {
            for (Map<String, Object> p : d.panels()) {
                Map<String, Object> defaults =
                        Dashboards.map(Dashboards.map(p.get("fieldConfig")).get("defaults"));
                assertThat((String) defaults.get("unit"))
                        .as("unit of %s / %s", d.uid(), p.get("title"))
                        .isNotBlank();
            }
        }
    }

    @Test
    void panelIdsAreUniqueWithinADashboard() {
        for (Dashboard d : dashboards) {
            List<Object> ids = d.panels().stream().map(p -> p.get("id")).toList();
            assertThat(ids).as(d.uid()).doesNotHaveDuplicates().doesNotContainNull();
        }
    }

    @Test
    void everyDataSourceReferenceResolvesToAProvisionedDataSource() throws IOException {
        Map<String, String> provisioned = provisionedDataSources();
        assertThat(provisioned).containsOnlyKeys("urad-pg", "urad-prom");
        List<Map<String, Object>> refs = new ArrayList<>();
        for (Dashboard d : dashboards) {
            collectDataSources(d.json(), refs);
        }
        assertThat(refs).isNotEmpty().allSatisfy(ref -> {
            assertThat(provisioned).containsKey((String) ref.get("uid"));
            assertThat(ref.get("type")).isEqualTo(provisioned.get((String) ref.get("uid")));
        });
    }

    @Test
    void everyQueryHasADataSourceAndAQuery() {
        for (Dashboard d : dashboards) {
            for (Map<String, Object> p : d.panels()) {
                List<Map<String, Object>> targets = Dashboards.list(p.get("targets"));
                assertThat(targets)
                        .as("queries of %s / %s", d.uid(), p.get("title"))
                        .isNotEmpty();
                for (Map<String, Object> t : targets) {
                    assertThat(t.get("rawSql") != null || t.get("expr") != null)
                            .as("%s / %s / %s", d.uid(), p.get("title"), t.get("refId"))
                            .isTrue();
                }
            }
        }
    }

    @Test
    void linksBetweenDashboardsNameExistingDashboards() {
        Set<String> uids = new HashSet<>(dashboards.stream().map(Dashboard::uid).toList());
        for (Dashboard d : dashboards) {
            Matcher m = DASHBOARD_LINK.matcher(d.json().toString());
            while (m.find()) {
                if (!m.group(1).startsWith("$")) {
                    assertThat(uids).as("link target in %s", d.uid()).contains(m.group(1));
                }
            }
        }
    }

    @Test
    void alertLinksOnlyNameExistingDashboards() throws IOException {
        String alerts = Files.readString(RepositoryFiles.resolve("dashboards/json/alerts.json"));
        Matcher m = Pattern.compile("THEN '(urad-[\\w-]+)'").matcher(alerts);
        Set<String> uids = new HashSet<>(dashboards.stream().map(Dashboard::uid).toList());
        int links = 0;
        while (m.find()) {
            links++;
            assertThat(uids).contains(m.group(1));
        }
        assertThat(links).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void dashboardProviderLoadsFromWhereComposeMountsTheFiles() throws IOException {
        Map<String, Object> yaml = new Yaml()
                .load(Files.readString(RepositoryFiles.resolve("dashboards/provisioning/dashboards/urad.yml")));
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml.get("providers")).get(0);
        assertThat(provider.get("type")).isEqualTo("file");
        String path = (String) Dashboards.map(provider.get("options")).get("path");
        String compose = Files.readString(RepositoryFiles.resolve("docker-compose.yml"));
        assertThat(compose)
                .contains("./dashboards/json:" + path + ":ro")
                .contains("./dashboards/provisioning:/etc/grafana/provisioning:ro");
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> provisionedDataSources() throws IOException {
        Map<String, String> out = new HashMap<>();
        Path dir = RepositoryFiles.resolve("dashboards/provisioning/datasources");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                Map<String, Object> yaml = new Yaml().load(Files.readString(f));
                for (Map<String, Object> ds : (List<Map<String, Object>>) yaml.get("datasources")) {
                    assertThat(out.put((String) ds.get("uid"), (String) ds.get("type")))
                            .as("uid %s provisioned once", ds.get("uid"))
                            .isNull();
                }
            }
        }
        return out;
    }

    /** Every object under a "datasource" key, anywhere in the dashboard (panels, queries, variables). */
    @SuppressWarnings("unchecked")
    private static void collectDataSources(Object node, List<Map<String, Object>> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if ("datasource".equals(k)) {
                    assertThat(v)
                            .as("data source given by uid and type, not by name")
                            .isInstanceOf(Map.class);
                    out.add((Map<String, Object>) v);
                } else {
                    collectDataSources(v, out);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectDataSources(v, out));
        }
    }
}
