package org.urad.envmon.ingest.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.reading.Family;

/** Reads the registry tables, all in one repeatable-read transaction so the view is consistent. */
@Repository
public class RegistryRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate readOnly;

    public RegistryRepository(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.readOnly = new TransactionTemplate(transactions);
        readOnly.setReadOnly(true);
        readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public RegistryData read() {
        return readOnly.execute(tx -> {
            Map<String, Terminal> terminals = terminals();
            return data(terminals);
        });
    }

    private Map<String, Terminal> terminals() {
        Map<String, Terminal> terminals = new HashMap<>();
        jdbc.sql("SELECT device_id, protocol, address FROM terminal").query(rs -> {
            terminals.put(rs.getString(1), new Terminal(rs.getString(2), rs.getString(3)));
        });
        return terminals;
    }

    private RegistryData data(Map<String, Terminal> terminals) {
        return new RegistryData(
                jdbc.sql("SELECT id, name, kind, annual_cap_m3 FROM zone ORDER BY id")
                        .query((rs, n) ->
                                new Zone(rs.getString(1), rs.getString(2), rs.getString(3), nullableDouble(rs, 4)))
                        .list(),
                jdbc.sql("SELECT id, name, township, zone_id, annual_allocation_m3 FROM village ORDER BY id")
                        .query((rs, n) -> new Village(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                nullableDouble(rs, 5)))
                        .list(),
                jdbc.sql("SELECT id, family, name, extract(epoch FROM reporting_interval)::bigint, lon, lat, active"
                                + " FROM device ORDER BY id")
                        .query((rs, n) -> new Device(
                                rs.getString(1),
                                family(rs.getString(2)),
                                rs.getString(3),
                                Duration.ofSeconds(rs.getLong(4)),
                                nullableDouble(rs, 5),
                                nullableDouble(rs, 6),
                                rs.getBoolean(7)))
                        .list(),
                jdbc.sql("SELECT device_id, village_id, zone_id, annual_allocation_m3, meter_type, is_control_well,"
                                + " control_level_m, is_monitoring_well, is_abstraction_well, wellhead_elevation_m"
                                + " FROM well ORDER BY device_id")
                        .query((rs, n) -> new Well(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getString(5),
                                rs.getBoolean(6),
                                nullableDouble(rs, 7),
                                rs.getBoolean(8),
                                rs.getBoolean(9),
                                nullableDouble(rs, 10),
                                terminals.get(rs.getString(1))))
                        .list(),
                jdbc.sql("SELECT device_id, kind, enterprise, outlet, mn, password, has_auto_sampler,"
                                + " auto_calibration FROM monitor ORDER BY device_id")
                        .query((rs, n) -> new Monitor(
                                rs.getString(1),
                                family(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getBoolean(7),
                                rs.getBoolean(8)))
                        .list(),
                jdbc.sql("SELECT device_id, parameter, unit, range_min, range_max, limit_value, limit_low, limit_cold,"
                                + " limit_o2_ref_pct FROM monitor_parameter ORDER BY device_id, parameter")
                        .query((rs, n) -> new MonitorParameter(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getDouble(5),
                                nullableDouble(rs, 6),
                                nullableDouble(rs, 7),
                                nullableDouble(rs, 8),
                                nullableDouble(rs, 9)))
                        .list(),
                jdbc.sql("SELECT device_id, canal, section_class, automated FROM gate ORDER BY device_id")
                        .query((rs, n) -> new Gate(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getBoolean(4),
                                terminals.get(rs.getString(1))))
                        .list(),
                parameters());
    }

    /** Where the last registry seed load came from ({@code classpath:…/} or {@code file:…/}); null before any. */
    public String lastLoadedSource() {
        return jdbc.sql("SELECT source FROM registry_load ORDER BY id DESC LIMIT 1")
                .query(String.class)
                .optional()
                .orElse(null);
    }

    /** The parameter catalogue: what each family may report, its unit and possible range. */
    public List<ParameterSpec> parameters() {
        return jdbc.sql("SELECT family, code, name_zh, name_en, unit, min_possible, max_possible, code_2005"
                        + " FROM parameter ORDER BY family, code")
                .query((rs, n) -> new ParameterSpec(
                        family(rs.getString(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        nullableDouble(rs, 6),
                        nullableDouble(rs, 7),
                        rs.getString(8)))
                .list();
    }

    private static Family family(String code) {
        return Family.fromCode(code).orElseThrow(() -> new IllegalStateException("unknown family " + code));
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
