package org.urad.envmon.ingest.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.urad.envmon.ingest.bench.SoakSample.Size;

/**
 * What a soak measures, read from the JVM (CPU, heap after the last collection), {@code /proc} (RSS, the
 * broker's and the PostgreSQL backends' CPU) and the database (table and index sizes by group, alerts). CPU
 * figures are deltas since the previous call.
 */
final class SoakProbe {

    /** Groups of tables, in report order; the rest of the public schema is "other". */
    static final List<String> GROUPS = List.of("readings", "rollups", "alerts", "quarantine", "other");

    private static final String SIZES = """
            SELECT CASE
                     WHEN c.relname IN ('well_reading', 'cems_reading', 'water_quality_reading', 'gate_reading')
                       THEN 'readings'
                     WHEN c.relname LIKE '%\\_rollup' OR c.relname IN
                          ('rollup_aggregate', 'rollup_invalid', 'aggregate_refresh', 'aggregate_refresh_pending')
                       THEN 'rollups'
                     WHEN c.relname IN ('alert', 'alert_event', 'notification_outbox', 'notification_attempt')
                       THEN 'alerts'
                     WHEN c.relname = 'quarantine' THEN 'quarantine'
                     ELSE 'other' END,
                   sum(pg_table_size(c.oid)), sum(pg_indexes_size(c.oid))
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')
             GROUP BY 1""";

    /** Linux clock ticks per second ({@code getconf CLK_TCK}; 100 on every common kernel). */
    private static final double TICKS = 100;

    private final DataSource db;
    private final long brokerPid;
    private long lastNanos = System.nanoTime();
    private long lastServiceCpu = serviceCpuNanos();
    private long lastBrokerTicks;
    private final Map<Long, Long> lastBackendTicks = new HashMap<>();

    SoakProbe(DataSource db, long brokerPid) throws SQLException {
        this.db = db;
        this.brokerPid = brokerPid;
        this.lastBrokerTicks = ticks(brokerPid);
        backendTicks();
    }

    /** CPU shares over the interval since the previous call, % of one core: service, broker, PostgreSQL. */
    double[] cpu() throws SQLException {
        long now = System.nanoTime();
        double wall = Math.max(1, now - lastNanos);
        long service = serviceCpuNanos();
        long broker = ticks(brokerPid);
        double backends = backendTicks();
        double[] shares = {
            100 * (service - lastServiceCpu) / wall,
            100 * (broker - lastBrokerTicks) / TICKS * 1e9 / wall,
            100 * backends / TICKS * 1e9 / wall
        };
        lastNanos = now;
        lastServiceCpu = service;
        lastBrokerTicks = broker;
        return shares;
    }

    /** Ticks the soak database's backends used since the previous call (a new backend counts whole). */
    private double backendTicks() throws SQLException {
        Map<Long, Long> current = new HashMap<>();
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database()")) {
            while (rs.next()) {
                current.put(rs.getLong(1), ticks(rs.getLong(1)));
            }
        }
        double used = 0;
        for (var e : current.entrySet()) {
            used += e.getValue() - lastBackendTicks.getOrDefault(e.getKey(), 0L);
        }
        lastBackendTicks.clear();
        lastBackendTicks.putAll(current);
        return used;
    }

    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return Double.NaN;
    }

    /**
     * Heap left after the last collection: the collection usage of the old generation and the survivor space
     * (eden is empty after a collection). No forced GC, so the figure is what the collector kept.
     */
    static double heapAfterGcMb() {
        long used = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getCollectionUsage();
            if (pool.getType() == MemoryType.HEAP
                    && after != null
                    && !pool.getName().contains("Eden")) {
                used += after.getUsed();
            }
        }
        return used / 1024.0 / 1024.0;
    }

    Map<String, Size> sizes() throws SQLException {
        Map<String, Size> sizes = new LinkedHashMap<>();
        GROUPS.forEach(g -> sizes.put(g, new Size(0, 0)));
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(SIZES)) {
            while (rs.next()) {
                sizes.put(rs.getString(1), new Size(rs.getLong(2), rs.getLong(3)));
            }
        }
        return sizes;
    }

    long count(String sql) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long serviceCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** utime + stime of a process from {@code /proc/<pid>/stat}, 0 if it cannot be read. */
    static long ticks(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            return ProcessCpu.ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
