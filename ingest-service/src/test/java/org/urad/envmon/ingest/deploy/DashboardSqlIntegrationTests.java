package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.deploy.Dashboards.Dashboard;
import org.urad.envmon.ingest.deploy.Dashboards.Target;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.yaml.snakeyaml.Yaml;

/**
 * Verifies that every SQL query of every dashboard — panels and template variables — runs against a
 * freshly migrated database holding a little of everything, returns rows, and returns the columns its
 * panel reads.
 */
class DashboardSqlIntegrationTests {

    private static final Pattern FIELD_REF = Pattern.compile("\\$\\{__data\\.fields\\.(\\w+)}");

    private static MigratedDatabase db;
    private static GrafanaSql grafana;
    private static GrafanaSql.Range range;
    private static TemplateVariables variables;

    @BeforeAll
    static void migrateAndLoad() throws Exception {
        db = MigratedDatabase.create("dashboards");
        DashboardFixture.load(db.dataSource());
        grafana = new GrafanaSql(timescaledbOptionOfPostgresSource());
        Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        range = new GrafanaSql.Range(to.minus(Duration.ofDays(30)), to, Duration.ofHours(1));
        variables = new TemplateVariables(db.dataSource(), grafana, range);
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTemplateVariableQueryReturnsValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Dashboard d : Dashboards.all()) {
            Map<String, GrafanaSql.Value> resolved = new LinkedHashMap<>();
            for (Map<String, Object> v : d.variables()) {
                String name = (String) v.get("name");
                GrafanaSql.Value value = variables.resolve(v, resolved);
                if (value != null) {
                    resolved.put(name, value);
                    tests.add(dynamicTest(
                            d.uid() + " / $" + name,
                            () -> assertThat(value.values())
                                    .as("values of $%s", name)
                                    .isNotEmpty()));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsTheColumnsItsPanelReads() {
        return Dashboards.targets("urad-pg").stream().map(t -> dynamicTest(t.name(), () -> check(t)));
    }

    /**
     * Verifies that the intervals, shares and limits the panels judge by are the rule set's (rule_param), not
     * figures written into the SQL: with the rule set's values changed, the panels' verdict columns follow.
     */
    @Test
    void panelVerdictsFollowTheRuleSetInForce() {
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        try {
            for (double calibrationDays : new double[] {7, 20}) {
                for (double comparisonDays : new double[] {92, 10}) {
                    setParam(jdbc, "CEMS_CALIBRATION_OVERDUE", "interval_days", calibrationDays);
                    setParam(jdbc, "CEMS_COMPARISON_OVERDUE", "interval_days", comparisonDays);
                    List<Map<String, Object>> rows = rows(jdbc, "最近一次校准与比对");
                    assertThat(rows).anyMatch(r -> r.get("days_since_calibration") != null);
                    for (Map<String, Object> r : rows) {
                        assertDifference(r, "days_since_calibration", "calibration_overdue_d", calibrationDays);
                        assertDifference(r, "days_since_comparison", "comparison_overdue_d", comparisonDays);
                    }
                }
            }
            for (double hours : new double[] {168, 1}) {
                setParam(jdbc, "WQ_CALIBRATION_OVERDUE", "interval_hours", hours);
                List<Map<String, Object>> rows = rows(jdbc, "校准记录");
                assertThat(rows).isNotEmpty();
                rows.forEach(r -> assertDifference(r, "hours_since_last", "hours_overdue", hours));
            }
            List<Integer> wellsShown = new ArrayList<>();
            for (double[] shares : new double[][] {{0.9, 1.0}, {0.01, 0.02}, {0.01, 50}}) {
                setParam(jdbc, "WELL_QUOTA", "warn_share", shares[0]);
                setParam(jdbc, "WELL_QUOTA", "breach_share", shares[1]);
                List<Map<String, Object>> wells = rows(jdbc, "超定额机井（年累计）");
                assertThat(wells).isNotEmpty();
                wellsShown.add(wells.size());
                for (Map<String, Object> r : wells) {
                    double used = number(r, "used");
                    assertThat(used).isGreaterThanOrEqualTo(100 * shares[0] - 1e-9);
                    assertThat(number(r, "quota_level")).isEqualTo(used >= 100 * shares[1] ? 2.0 : 1.0);
                }
                for (Map<String, Object> r : rows(jdbc, "嘎查村取水量占分配水量比例")) {
                    Object used = r.get("used");
                    double level = used == null
                            ? 0
                            : number(r, "used") >= 100 * shares[1] ? 2 : number(r, "used") >= 100 * shares[0] ? 1 : 0;
                    assertThat(number(r, "quota_level")).isEqualTo(level);
                }
            }
            // a lower warn_share shows the wells between it and 90 % too
            assertThat(wellsShown.get(1)).isGreaterThan(wellsShown.get(0));
            // Q001's water is at 10 °C: the NH3-N cold-water limit (8) applies at or below cold_temp_c only
            String nh3n = jdbc.queryForObject(
                    "SELECT name_en FROM parameter WHERE family = 'water_quality' AND code = 'w21003'", String.class);
            for (double[] coldAndLimit : new double[][] {{12, 8}, {5, 5}}) {
                setParam(jdbc, "WQ_DISCHARGE_LIMIT", "cold_temp_c", coldAndLimit[0]);
                assertThat(rows(jdbc, "超标天数"))
                        .filteredOn(r -> nh3n.equals(r.get("pollutant")))
                        .isNotEmpty()
                        .allSatisfy(r -> assertThat(number(r, "limit_value")).isEqualTo(coldAndLimit[1]));
            }
            for (double decline : new double[] {0.5, 0.0001, 100}) {
                setParam(jdbc, "GW_YOY_DECLINE", "decline_m", decline);
                List<Map<String, Object>> quarters = rows(jdbc, "分区季度平均水位、同比环比与连续稳定月数");
                assertThat(quarters).isNotEmpty();
                for (Map<String, Object> r : quarters) {
                    boolean breach = r.get("change") != null && -number(r, "change") > decline + 1e-9;
                    assertThat(number(r, "yoy_decline_breach")).isEqualTo(breach ? 1.0 : 0.0);
                }
            }
        } finally {
            setParam(jdbc, "CEMS_CALIBRATION_OVERDUE", "interval_days", 7);
            setParam(jdbc, "CEMS_COMPARISON_OVERDUE", "interval_days", 92);
            setParam(jdbc, "WQ_CALIBRATION_OVERDUE", "interval_hours", 168);
            setParam(jdbc, "WELL_QUOTA", "warn_share", 0.9);
            setParam(jdbc, "WELL_QUOTA", "breach_share", 1.0);
            setParam(jdbc, "WQ_DISCHARGE_LIMIT", "cold_temp_c", 12);
            setParam(jdbc, "GW_YOY_DECLINE", "decline_m", 0.5);
        }
    }

    /**
     * Verifies that a per-subject override of the rule set (rule_param_override, V31) changes the verdict columns
     * of its subject's rows only, matched on the keys its rule uses: a CEMS plant's enterprise, a water-quality
     * monitor's device id, a village (its wells and its own row) and a zone.
     */
    @Test
    void panelVerdictsFollowAnOverrideForItsSubjectOnly() {
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        try {
            override(jdbc, 0, "CEMS_CALIBRATION_OVERDUE", "神华巴彦淖尔能源", "interval_days", 20);
            override(jdbc, 1, "WQ_CALIBRATION_OVERDUE", "Q001", "interval_hours", 1);
            override(jdbc, 5, "WQ_CALIBRATION_OVERDUE", "Q002", "interval_hours", 5);
            override(jdbc, 2, "WELL_QUOTA", "V1", "warn_share", 0);
            override(jdbc, 3, "WELL_QUOTA", "V1", "breach_share", 100);
            override(jdbc, 4, "WELL_QUOTA", "Z2", "warn_share", 0);

            List<Map<String, Object>> cems = rows(jdbc, "最近一次校准与比对");
            assertThat(cems)
                    .anyMatch(r -> "神华巴彦淖尔能源".equals(r.get("enterprise")) && r.get("days_since_calibration") != null);
            // the override sets the calibration interval only: the comparison interval stays the rule set's
            cems.forEach(r -> assertDifference(r, "days_since_comparison", "comparison_overdue_d", 92));
            cems.forEach(r -> assertDifference(
                    r,
                    "days_since_calibration",
                    "calibration_overdue_d",
                    "神华巴彦淖尔能源".equals(r.get("enterprise")) ? 20 : 7));

            String q001 = jdbc.queryForObject("SELECT name FROM device WHERE id = 'Q001'", String.class);
            List<Map<String, Object>> calibrations = rows(jdbc, "校准记录");
            assertThat(calibrations).anyMatch(r -> q001.equals(r.get("monitor")));
            calibrations.forEach(r ->
                    assertDifference(r, "hours_since_last", "hours_overdue", q001.equals(r.get("monitor")) ? 1 : 168));

            // V1's wells are all shown (warning from 0), at level 1 (breach only at 100 times the allocation); V3's
            // well W003 lies in Z2 and is shown from 0 too (a well is judged by its id, village and zone)
            String v1 = jdbc.queryForObject("SELECT name FROM village WHERE id = 'V1'", String.class);
            String v3 = jdbc.queryForObject("SELECT name FROM village WHERE id = 'V3'", String.class);
            List<Map<String, Object>> wells = rows(jdbc, "超定额机井（年累计）");
            assertThat(wells).filteredOn(r -> v1.equals(r.get("village"))).hasSizeGreaterThanOrEqualTo(1);
            assertThat(wells).filteredOn(r -> v3.equals(r.get("village"))).hasSize(1);
            for (Map<String, Object> r : wells) {
                double used = number(r, "used");
                if (v1.equals(r.get("village"))) {
                    assertThat(number(r, "quota_level")).isEqualTo(1.0);
                } else {
                    assertThat(used).isGreaterThanOrEqualTo(v3.equals(r.get("village")) ? 0 : 90 - 1e-9);
                    assertThat(number(r, "quota_level")).isEqualTo(used >= 100 ? 2.0 : 1.0);
                }
            }
            for (Map<String, Object> r : rows(jdbc, "嘎查村取水量占分配水量比例")) {
                if (r.get("used") == null) {
                    continue;
                }
                double used = number(r, "used");
                // V3 lies in Z2: the village is judged by its own and its zone's keys, as WELL_QUOTA judges it
                double warn = v1.equals(r.get("village")) || "乌拉特中旗超采区二".equals(r.get("zone")) ? 0 : 90;
                double breach = v1.equals(r.get("village")) ? 10000 : 100;
                assertThat(number(r, "quota_level"))
                        .as("quota level of %s", r.get("village"))
                        .isEqualTo(used >= breach ? 2.0 : used >= warn ? 1.0 : 0.0);
            }
            List<Map<String, Object>> zones = rows(jdbc, "超采区年累计取水量与年度取水总量控制");
            assertThat(zones).anyMatch(r -> "乌拉特中旗超采区二".equals(r.get("zone")));
            for (Map<String, Object> r : zones) {
                if (r.get("used") == null) {
                    continue;
                }
                double used = number(r, "used");
                double warn = "乌拉特中旗超采区二".equals(r.get("zone")) ? 0 : 90;
                assertThat(number(r, "quota_level"))
                        .as("quota level of %s", r.get("zone"))
                        .isEqualTo(used >= 100 ? 2.0 : used >= warn ? 1.0 : 0.0);
            }
        } finally {
            jdbc.update("DELETE FROM rule_param_override");
        }
    }

    private static void override(JdbcTemplate jdbc, int ord, String rule, String subject, String name, double value) {
        jdbc.update(
                "INSERT INTO rule_param_override (ord, rule_id, subject, name, value, direction, version)"
                        + " VALUES (?, ?, ?, ?, ?, NULL, 'test')",
                ord,
                rule,
                subject,
                name,
                value);
    }

    private static void setParam(JdbcTemplate jdbc, String rule, String name, double value) {
        assertThat(jdbc.update("UPDATE rule_param SET value = ? WHERE rule_id = ? AND name = ?", value, rule, name))
                .isEqualTo(1);
    }

    /** The rows of the panel titled {@code title}, its SQL expanded as Grafana would over the test range. */
    private static List<Map<String, Object>> rows(JdbcTemplate jdbc, String title) {
        Target t = Dashboards.targets("urad-pg").stream()
                .filter(x -> title.equals(x.panel().get("title")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
        return jdbc.queryForList(grafana.expand((String) t.query().get("rawSql"), variables.of(t.dashboard()), range));
    }

    private static void assertDifference(Map<String, Object> row, String since, String overdue, double interval) {
        if (row.get(since) == null) {
            assertThat(row.get(overdue)).as(overdue).isNull();
            return;
        }
        assertThat(number(row, since) - number(row, overdue)).as(overdue).isCloseTo(interval, within(1e-6));
    }

    private static double number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).doubleValue();
    }

    private static void check(Target t) throws SQLException {
        String raw = (String) t.query().get("rawSql");
        assertThat(raw).as("rawSql").isNotBlank();
        String sql = grafana.expand(raw, variables.of(t.dashboard()), range);
        assertThat(sql).as("no unexpanded variable or macro").doesNotContain("$");
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Integer> columns = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.put(md.getColumnLabel(i), md.getColumnType(i));
            }
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            assertThat(rows).as("rows of %s", t.name()).isPositive();
            if ("time_series".equals(t.query().get("format"))) {
                checkTimeSeries(columns);
            } else {
                checkTable(t.panel(), columns);
            }
        } catch (SQLException e) {
            throw new AssertionError(t.name() + " failed: " + e.getMessage() + "\n" + sql, e);
        }
    }

    /** Grafana's long time-series frame: a time column, numeric values, and "metric" as the only text. */
    private static void checkTimeSeries(Map<String, Integer> columns) {
        assertThat(columns).containsKey("time");
        assertThat(isTime(columns.get("time")) || isNumber(columns.get("time")))
                .as("time column is a timestamp or epoch")
                .isTrue();
        columns.forEach((name, type) -> {
            if (!name.equals("time") && !isNumber(type)) {
                assertThat(name).as("the only text column of a time series").isEqualTo("metric");
            }
        });
        assertThat(columns.entrySet().stream().filter(e -> !e.getKey().equals("time")))
                .as("at least one value column")
                .anyMatch(e -> isNumber(e.getValue()));
    }

    private static void checkTable(Map<String, Object> panel, Map<String, Integer> columns) {
        for (String field : referencedFields(panel)) {
            assertThat(columns).as("column %s that the panel refers to", field).containsKey(field);
        }
        switch ((String) panel.get("type")) {
            case "stat" ->
                columns.values()
                        .forEach(type -> assertThat(isNumber(type))
                                .as("stat columns are numbers")
                                .isTrue());
            case "geomap" -> {
                assertThat(isNumber(columns.get("latitude"))).as("latitude").isTrue();
                assertThat(isNumber(columns.get("longitude"))).as("longitude").isTrue();
            }
            case "barchart" ->
                assertThat(columns.entrySet()).as("a numeric column to draw").anyMatch(e -> isNumber(e.getValue()));
            default -> {}
        }
    }

    /** Columns named by overrides, data links and (for bar charts) the x field. */
    private static Set<String> referencedFields(Map<String, Object> panel) {
        Set<String> out = new LinkedHashSet<>();
        Map<String, Object> fieldConfig = Dashboards.map(panel.get("fieldConfig"));
        for (Map<String, Object> o : Dashboards.list(fieldConfig.get("overrides"))) {
            Map<String, Object> matcher = Dashboards.map(o.get("matcher"));
            if ("byName".equals(matcher.get("id"))) {
                out.add((String) matcher.get("options"));
            }
        }
        Matcher m = FIELD_REF.matcher(
                String.valueOf(Dashboards.map(fieldConfig.get("defaults")).get("links")));
        while (m.find()) {
            out.add(m.group(1));
        }
        Object xField = Dashboards.map(panel.get("options")).get("xField");
        if (xField != null) {
            out.add((String) xField);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static boolean timescaledbOptionOfPostgresSource() throws IOException {
        Map<String, Object> yaml = new Yaml()
                .load(Files.readString(RepositoryFiles.resolve("dashboards/provisioning/datasources/urad.yml")));
        for (Map<String, Object> ds : (List<Map<String, Object>>) yaml.get("datasources")) {
            if ("urad-pg".equals(ds.get("uid"))) {
                return Boolean.TRUE.equals(Dashboards.map(ds.get("jsonData")).get("timescaledb"));
            }
        }
        throw new IllegalStateException("no urad-pg data source provisioned");
    }

    private static boolean isTime(int type) {
        return type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.DATE;
    }

    private static boolean isNumber(Integer type) {
        return type != null
                && switch (type) {
                    case Types.BIGINT,
                            Types.INTEGER,
                            Types.SMALLINT,
                            Types.DOUBLE,
                            Types.REAL,
                            Types.FLOAT,
                            Types.NUMERIC,
                            Types.DECIMAL -> true;
                    default -> false;
                };
    }
}
