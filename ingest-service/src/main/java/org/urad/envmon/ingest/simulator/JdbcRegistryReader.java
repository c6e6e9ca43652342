package org.urad.envmon.ingest.simulator;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Gate;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Well;

/** Reads the registry tables with plain JDBC, for running the simulator without the service. */
public final class JdbcRegistryReader {

    private JdbcRegistryReader() {}

    public static RegistrySnapshot read(Connection c) throws SQLException {
        return new RegistrySnapshot(
                list(
                        c,
                        "SELECT id, family, name, extract(epoch FROM reporting_interval), lon, lat, active FROM device",
                        r -> new Device(
                                r.getString(1),
                                family(r.getString(2)),
                                r.getString(3),
                                Duration.ofMillis(Math.round(r.getDouble(4) * 1000)),
                                (Double) r.getObject(5),
                                (Double) r.getObject(6),
                                r.getBoolean(7))),
                list(
                        c,
                        "SELECT family, code, name_zh, name_en, unit, min_possible, max_possible, code_2005 FROM parameter",
                        r -> new ParameterSpec(
                                family(r.getString(1)),
                                r.getString(2),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                (Double) r.getObject(6),
                                (Double) r.getObject(7),
                                r.getString(8))),
                list(
                        c,
                        "SELECT device_id, village_id, zone_id, annual_allocation_m3, meter_type, is_control_well,"
                                + " control_level_m, is_monitoring_well, is_abstraction_well, wellhead_elevation_m"
                                + " FROM well",
                        r -> new Well(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getDouble(4),
                                r.getString(5),
                                r.getBoolean(6),
                                (Double) r.getObject(7),
                                r.getBoolean(8),
                                r.getBoolean(9),
                                (Double) r.getObject(10))),
                list(
                        c,
                        "SELECT device_id, kind, enterprise, outlet, mn, password, has_auto_sampler, auto_calibration"
                                + " FROM monitor",
                        r -> new Monitor(
                                r.getString(1),
                                family(r.getString(2)),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6),
                                r.getBoolean(7),
                                r.getBoolean(8))),
                list(
                        c,
                        "SELECT device_id, parameter, unit, range_min, range_max, limit_value, limit_low, limit_cold"
                                + " FROM monitor_parameter",
                        r -> new MonitorParameter(
                                r.getString(1),
                                r.getString(2),
                                r.getString(3),
                                r.getDouble(4),
                                r.getDouble(5),
                                (Double) r.getObject(6),
                                (Double) r.getObject(7),
                                (Double) r.getObject(8))),
                list(
                        c,
                        "SELECT device_id, canal, section_class, automated FROM gate",
                        r -> new Gate(r.getString(1), r.getString(2), r.getString(3), r.getBoolean(4))));
    }

    private interface Row<T> {
        T map(ResultSet r) throws SQLException;
    }

    private static <T> List<T> list(Connection c, String sql, Row<T> row) throws SQLException {
        List<T> items = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                items.add(row.map(r));
            }
        }
        return items;
    }

    private static Family family(String code) {
        return Family.fromCode(code).orElseThrow(() -> new IllegalStateException("unknown family " + code));
    }
}
