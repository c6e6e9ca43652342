package org.urad.envmon.ingest.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/** The dashboards in {@code dashboards/json}, read as plain maps and lists, as Grafana stores them. */
public final class Dashboards {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Dashboards() {}

    public record Dashboard(Path file, Map<String, Object> json) {
        public String uid() {
            return (String) json.get("uid");
        }

        public String title() {
            return (String) json.get("title");
        }

        List<Map<String, Object>> panels() {
            List<Map<String, Object>> out = new ArrayList<>();
            collect(list(json.get("panels")), out);
            return out;
        }

        List<Map<String, Object>> variables() {
            return list(map(json.get("templating")).get("list"));
        }

        private static void collect(List<Map<String, Object>> panels, List<Map<String, Object>> out) {
            for (Map<String, Object> p : panels) {
                if ("row".equals(p.get("type"))) {
                    collect(list(p.get("panels")), out);
                } else {
                    out.add(p);
                }
            }
        }
    }

    /** One query of one panel. */
    public record Target(Dashboard dashboard, Map<String, Object> panel, Map<String, Object> query) {
        public String name() {
            return dashboard.uid() + " / " + panel.get("title") + " / " + query.get("refId");
        }

        String datasourceUid() {
            Object ds = query.containsKey("datasource") ? query.get("datasource") : panel.get("datasource");
            return (String) map(ds).get("uid");
        }
    }

    static List<Dashboard> all() {
        Path dir = RepositoryFiles.resolve("dashboards/json");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .sorted()
                    .map(Dashboards::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Target> targets(String datasourceUid) {
        List<Target> out = new ArrayList<>();
        for (Dashboard d : all()) {
            for (Map<String, Object> p : d.panels()) {
                for (Map<String, Object> q : list(p.get("targets"))) {
                    Target t = new Target(d, p, q);
                    if (datasourceUid.equals(t.datasourceUid())) {
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Dashboard read(Path file) {
        try {
            return new Dashboard(file, JSON.readValue(file.toFile(), Map.class));
        } catch (RuntimeException e) {
            throw new IllegalStateException("invalid dashboard JSON: " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}
