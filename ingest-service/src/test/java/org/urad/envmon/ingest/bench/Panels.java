package org.urad.envmon.ingest.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import javax.sql.DataSource;
import org.urad.envmon.ingest.deploy.GrafanaSql;
import org.urad.envmon.ingest.support.TestServices;

/**
 * What operators wait for when they open the dashboards on a database holding history: every panel query of the
 * PostgreSQL data source timed on an existing database migrated by the service (one filled by the simulator's
 * backfill, for instance), only read from.
 *
 * <pre>
 * --panels --panels-jdbc=URL (required) | --panels-user=NAME (default postgres; password INGEST_TEST_JDBC_PASSWORD)
 * --panels-days=N (the N days ending at the newest reading, default 30)
 * | --panels-from=YYYY-MM-DD --panels-to=YYYY-MM-DD (local midnights, Asia/Shanghai as the dashboards)
 * --panels-runs=N (runs with the server's settings and as many without JIT, interleaved; default 3)
 * </pre>
 */
final class Panels {

    static final ZoneId DASHBOARD_ZONE = ZoneId.of("Asia/Shanghai");
    /** The data source's minimum interval (timeInterval of urad-pg in the provisioning). */
    static final Duration MIN_INTERVAL = Duration.ofMinutes(1);
    /** Grafana's data points per panel: its width in pixels, about this on an operator's screen. */
    static final int MAX_DATA_POINTS = 1000;
    /** The target: the slowest panel's median, ms. */
    static final double SLOWEST_TARGET_MILLIS = 1000;

    private static final List<String> READING_TABLES =
            List.of("well_reading", "cems_reading", "water_quality_reading", "gate_reading");

    record Options(String jdbcUrl, String user, int days, LocalDate from, LocalDate to, int runs) {

        static Options parse(String[] args) {
            String url = null;
            String user = "postgres";
            int days = 30;
            LocalDate from = null;
            LocalDate to = null;
            int runs = 3;
            for (String a : String.join(" ", args).split("\\s+")) {
                String v = a.substring(a.indexOf('=') + 1);
                if (a.startsWith("--panels-jdbc=")) {
                    url = v;
                } else if (a.startsWith("--panels-user=")) {
                    user = v;
                } else if (a.startsWith("--panels-days=")) {
                    days = Integer.parseInt(v);
                } else if (a.startsWith("--panels-from=")) {
                    from = LocalDate.parse(v);
                } else if (a.startsWith("--panels-to=")) {
                    to = LocalDate.parse(v);
                } else if (a.startsWith("--panels-runs=")) {
                    runs = Integer.parseInt(v);
                } else if (!a.isBlank() && !a.equals("--panels")) {
                    throw new IllegalArgumentException("unknown panels option " + a);
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--panels needs --panels-jdbc=URL");
            }
            if ((from == null) != (to == null) || (from != null && !from.isBefore(to))) {
                throw new IllegalArgumentException("--panels-from and --panels-to go together, from before to");
            }
            if (runs < 1 || days < 1) {
                throw new IllegalArgumentException("--panels-runs and --panels-days are at least 1");
            }
            return new Options(url, user, days, from, to, runs);
        }
    }

    private Panels() {}

    /** True if the benchmark's arguments ask for the panel timings. */
    static boolean wanted(String[] args) {
        return String.join(" ", args).contains("--panels");
    }

    /** Times the panels; returns the exit status (1 when a query failed). */
    static int run(String[] args) throws Exception {
        Options o = Options.parse(args);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(o.jdbcUrl());
        config.setUsername(o.user());
        config.setPassword(TestServices.password());
        config.setMaximumPoolSize(2);
        config.setReadOnly(true);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            GrafanaSql.Range range = o.from() != null
                    ? range(
                            o.from().atStartOfDay(DASHBOARD_ZONE).toInstant(),
                            o.to().atStartOfDay(DASHBOARD_ZONE).toInstant())
                    : range(newestReading(dataSource).minus(Duration.ofDays(o.days())), newestReading(dataSource));
            boolean timescaledb = timescaledb(dataSource);
            List<PanelTimer.PanelTime> times =
                    new PanelTimer(dataSource, new GrafanaSql(timescaledb), range).time(o.runs());
            String report = PanelReport.markdown(times, setting(o, range, timescaledb, jit(dataSource)));
            System.out.println(report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(
                    Path.of("target", "benchmark.md"), report, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return times.stream().anyMatch(PanelTimer.PanelTime::failed) ? 1 : 0;
        }
    }

    /** The range and the interval Grafana derives from it for a panel {@link #MAX_DATA_POINTS} wide. */
    static GrafanaSql.Range range(Instant from, Instant to) {
        Duration raw = Duration.between(from, to).dividedBy(MAX_DATA_POINTS);
        Duration rounded = roundInterval(raw);
        return new GrafanaSql.Range(from, to, rounded.compareTo(MIN_INTERVAL) < 0 ? MIN_INTERVAL : rounded);
    }

    /** Grafana's rounding of a raw interval to a "nice" one (kbn.roundInterval), from a minute up. */
    static Duration roundInterval(Duration raw) {
        long[][] steps = {
            {90, 60},
            {210, 120},
            {450, 300},
            {750, 600},
            {1050, 900},
            {1500, 1200},
            {2700, 1800},
            {5400, 3600},
            {9000, 7200},
            {16200, 10800},
            {32400, 21600},
            {86400, 43200},
            {604800, 86400},
            {1814400, 604800},
            {3628800, 2592000}
        };
        long s = raw.toSeconds();
        for (long[] step : steps) {
            if (s < step[0]) {
                return Duration.ofSeconds(step[1]);
            }
        }
        return Duration.ofDays(365);
    }

    static Instant newestReading(DataSource dataSource) throws SQLException {
        String sql = "SELECT max(ts) FROM ("
                + String.join(
                        " UNION ALL ",
                        READING_TABLES.stream()
                                .map(t -> "SELECT max(ts) AS ts FROM " + t)
                                .toList())
                + ") newest";
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            if (rs.getTimestamp(1) == null) {
                throw new IllegalStateException("no readings in the database; give --panels-from and --panels-to");
            }
            return rs.getTimestamp(1).toInstant();
        }
    }

    static boolean timescaledb(DataSource dataSource) throws SQLException {
        return "t"
                .equals(single(dataSource, "SELECT exists (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"));
    }

    private static String jit(DataSource dataSource) throws SQLException {
        return single(dataSource, "SHOW jit");
    }

    private static String single(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String setting(Options o, GrafanaSql.Range r, boolean timescaledb, String jit) {
        return "%s to %s (%s days), interval %s, %d runs each, server jit = %s, TimescaleDB %s"
                .formatted(
                        r.from().atZone(DASHBOARD_ZONE).toLocalDateTime(),
                        r.to().atZone(DASHBOARD_ZONE).toLocalDateTime(),
                        Duration.between(r.from(), r.to()).toDays(),
                        r.interval(),
                        o.runs(),
                        jit,
                        timescaledb ? "yes" : "no");
    }
}
