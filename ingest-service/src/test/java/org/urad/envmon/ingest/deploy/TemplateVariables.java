package org.urad.envmon.ingest.deploy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.urad.envmon.ingest.deploy.Dashboards.Dashboard;

/**
 * A dashboard's template variables with "All" selected, as Grafana resolves them: custom values as
 * listed, query variables by running their (already interpolated) SQL, in dashboard order so that a
 * variable may depend on the ones before it.
 */
public final class TemplateVariables {

    private final DataSource dataSource;
    private final GrafanaSql grafana;
    private final GrafanaSql.Range range;

    public TemplateVariables(DataSource dataSource, GrafanaSql grafana, GrafanaSql.Range range) {
        this.dataSource = dataSource;
        this.grafana = grafana;
        this.range = range;
    }

    public Map<String, GrafanaSql.Value> of(Dashboard d) {
        Map<String, GrafanaSql.Value> resolved = new LinkedHashMap<>();
        for (Map<String, Object> v : d.variables()) {
            GrafanaSql.Value value = resolve(v, resolved);
            if (value != null) {
                resolved.put((String) v.get("name"), value);
            }
        }
        return resolved;
    }

    /** All of a variable's values ("All" selected); null for variables of other data sources. */
    GrafanaSql.Value resolve(Map<String, Object> v, Map<String, GrafanaSql.Value> earlier) {
        boolean quoted = Boolean.TRUE.equals(v.get("multi")) || Boolean.TRUE.equals(v.get("includeAll"));
        List<String> values = new ArrayList<>();
        switch ((String) v.get("type")) {
            case "custom" -> {
                for (String s : ((String) v.get("query")).split(",")) {
                    values.add(s.trim());
                }
            }
            case "query" -> {
                if (!"urad-pg".equals(Dashboards.map(v.get("datasource")).get("uid"))) {
                    return null;
                }
                String sql = grafana.expand((String) v.get("query"), earlier, range);
                try (Connection c = dataSource.getConnection();
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery(sql)) {
                    int column = columnIndex(rs.getMetaData(), "__value");
                    while (rs.next()) {
                        values.add(rs.getString(column));
                    }
                } catch (SQLException e) {
                    throw new AssertionError("variable $" + v.get("name") + ": " + e.getMessage() + "\n" + sql, e);
                }
            }
            default -> {
                return null;
            }
        }
        return new GrafanaSql.Value(values.stream().distinct().toList(), quoted);
    }

    private static int columnIndex(ResultSetMetaData md, String label) throws SQLException {
        for (int i = 1; i <= md.getColumnCount(); i++) {
            if (md.getColumnLabel(i).equals(label)) {
                return i;
            }
        }
        return 1;
    }
}
