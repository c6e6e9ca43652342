package org.urad.envmon.ingest.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.urad.envmon.ingest.deploy.Dashboards;
import org.urad.envmon.ingest.deploy.Dashboards.Target;
import org.urad.envmon.ingest.deploy.GrafanaSql;
import org.urad.envmon.ingest.deploy.TemplateVariables;

/**
 * Times every query of every dashboard panel on the PostgreSQL data source, expanded as Grafana sends it ("All"
 * selected in every template variable): {@code runs} times with the server's settings and {@code runs} times with
 * {@code SET jit = off}, interleaved in one session, every row read as Grafana reads them. A query that fails is
 * recorded with its error, never thrown.
 */
final class PanelTimer {

    static final String DATASOURCE = "urad-pg";

    /** One panel query: the times of its runs with the server's settings and without JIT, in ms. */
    record PanelTime(
            String dashboard,
            String panel,
            String refId,
            List<Double> millis,
            List<Double> noJitMillis,
            long rows,
            String error) {

        double medianMillis() {
            return millis.isEmpty() ? Double.NaN : Benchmark.median(millis);
        }

        double medianNoJitMillis() {
            return noJitMillis.isEmpty() ? Double.NaN : Benchmark.median(noJitMillis);
        }

        double firstMillis() {
            return millis.isEmpty() ? Double.NaN : millis.get(0);
        }

        boolean failed() {
            return error != null;
        }
    }

    private final DataSource dataSource;
    private final GrafanaSql grafana;
    private final GrafanaSql.Range range;

    PanelTimer(DataSource dataSource, GrafanaSql grafana, GrafanaSql.Range range) {
        this.dataSource = dataSource;
        this.grafana = grafana;
        this.range = range;
    }

    /** Every target of the PostgreSQL data source, in dashboard order. */
    List<PanelTime> time(int runs) throws SQLException {
        TemplateVariables variables = new TemplateVariables(dataSource, grafana, range);
        Map<Path, Object> resolved = new HashMap<>();
        List<PanelTime> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            for (Target t : Dashboards.targets(DATASOURCE)) {
                Object values = resolved.computeIfAbsent(t.dashboard().file(), f -> resolve(variables, t));
                out.add(time(c, t, values, runs));
            }
        }
        return out;
    }

    /** The dashboard's variables with "All" selected, or the error that resolving them raised. */
    private static Object resolve(TemplateVariables variables, Target t) {
        try {
            return variables.of(t.dashboard());
        } catch (RuntimeException | AssertionError e) {
            return e;
        }
    }

    @SuppressWarnings("unchecked")
    private PanelTime time(Connection c, Target t, Object variables, int runs) {
        String dashboard = t.dashboard().title();
        String panel = String.valueOf(t.panel().get("title"));
        String refId = String.valueOf(t.query().get("refId"));
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        long rows = 0;
        try {
            if (variables instanceof Throwable e) {
                throw new IllegalStateException("template variables: " + e.getMessage(), e);
            }
            String sql =
                    grafana.expand((String) t.query().get("rawSql"), (Map<String, GrafanaSql.Value>) variables, range);
            try (Statement s = c.createStatement()) {
                for (int i = 0; i < runs; i++) {
                    s.execute("RESET jit");
                    long[] r = run(s, sql);
                    on.add(r[0] / 1e6);
                    rows = r[1];
                    s.execute("SET jit = off");
                    off.add(run(s, sql)[0] / 1e6);
                }
                s.execute("RESET jit");
            }
        } catch (SQLException | RuntimeException | AssertionError e) {
            return new PanelTime(dashboard, panel, refId, on, off, rows, firstLine(e.getMessage()));
        }
        return new PanelTime(dashboard, panel, refId, on, off, rows, null);
    }

    /** Nanoseconds from sending the query to the last row read, and the rows read. */
    private static long[] run(Statement s, String sql) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    rs.getObject(i);
                }
                rows++;
            }
        }
        return new long[] {System.nanoTime() - start, rows};
    }

    private static String firstLine(String message) {
        String m = message == null ? "error" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
