package org.urad.envmon.ingest.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts a parsed seed into the registry tables; the caller holds the transaction. Devices the
 * seed omits are marked inactive, never deleted: readings keep pointing at them.
 */
final class RegistrySeedWriter {

    private final JdbcTemplate jdbc;

    RegistrySeedWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return how many devices were newly marked inactive */
    int write(RegistrySeed seed) {
        upsert(seed);
        return deactivateAbsent(seed.devices());
    }

    /** Inserts or updates what {@code seed} lists and leaves everything else as it is (a partial import). */
    void upsert(RegistrySeed seed) {
        batch(
                "INSERT INTO zone (id, name, kind, annual_cap_m3) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
                        + " name = excluded.name, kind = excluded.kind, annual_cap_m3 = excluded.annual_cap_m3,"
                        + " updated_at = now()",
                seed.zones(),
                z -> new Object[] {z.id(), z.name(), z.kind(), z.annualCapM3()});
        batch(
                "INSERT INTO village (id, name, township, zone_id, annual_allocation_m3) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET name = excluded.name, township = excluded.township,"
                        + " zone_id = excluded.zone_id, annual_allocation_m3 = excluded.annual_allocation_m3,"
                        + " updated_at = now()",
                seed.villages(),
                v -> new Object[] {v.id(), v.name(), v.township(), v.zoneId(), v.annualAllocationM3()});
        batch(
                "INSERT INTO device (id, family, name, reporting_interval, lon, lat, active)"
                        + " VALUES (?, ?, ?, ? * interval '1 second', ?, ?, true) ON CONFLICT (id) DO UPDATE SET"
                        + " family = excluded.family, name = excluded.name,"
                        + " reporting_interval = excluded.reporting_interval, lon = excluded.lon, lat = excluded.lat,"
                        + " active = true, updated_at = now()",
                seed.devices(),
                d -> new Object[] {
                    d.id(), d.family().code(), d.name(), d.reportingInterval().toSeconds(), d.lon(), d.lat()
                });
        batch(
                "INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type, is_control_well,"
                        + " control_level_m, is_monitoring_well, is_abstraction_well, wellhead_elevation_m)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                        + " village_id = excluded.village_id, zone_id = excluded.zone_id,"
                        + " annual_allocation_m3 = excluded.annual_allocation_m3, meter_type = excluded.meter_type,"
                        + " is_control_well = excluded.is_control_well, control_level_m = excluded.control_level_m,"
                        + " is_monitoring_well = excluded.is_monitoring_well,"
                        + " is_abstraction_well = excluded.is_abstraction_well,"
                        + " wellhead_elevation_m = excluded.wellhead_elevation_m",
                seed.wells(),
                w -> new Object[] {
                    w.deviceId(),
                    w.villageId(),
                    w.zoneId(),
                    w.annualAllocationM3(),
                    w.meterType(),
                    w.controlWell(),
                    w.controlLevelM(),
                    w.monitoringWell(),
                    w.abstractionWell(),
                    w.wellheadElevationM()
                });
        writeMonitors(seed);
        batch(
                "INSERT INTO gate (device_id, canal, section_class, automated) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (device_id) DO UPDATE SET canal = excluded.canal,"
                        + " section_class = excluded.section_class, automated = excluded.automated",
                seed.gates(),
                g -> new Object[] {g.deviceId(), g.canal(), g.sectionClass(), g.automated()});
        writeTerminals(seed);
    }

    /** A well's or gate's terminal is configuration: the seed's replaces the stored one, or removes it. */
    private void writeTerminals(RegistrySeed seed) {
        List<String> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        seed.wells().forEach(w -> terminalRow(w.deviceId(), w.terminal(), ids, rows));
        seed.gates().forEach(g -> terminalRow(g.deviceId(), g.terminal(), ids, rows));
        batch("DELETE FROM terminal WHERE device_id = ?", ids, id -> new Object[] {id});
        // An address may move from one device to another within the seed.
        batch("DELETE FROM terminal WHERE protocol = ? AND address = ?", rows, r -> new Object[] {r[0], r[1]});
        batch("INSERT INTO terminal (protocol, address, device_id) VALUES (?, ?, ?)", rows, r -> r);
    }

    private static void terminalRow(String deviceId, Terminal terminal, List<String> ids, List<Object[]> rows) {
        ids.add(deviceId);
        if (terminal != null) {
            rows.add(new Object[] {terminal.protocol(), terminal.address(), deviceId});
        }
    }

    private void writeMonitors(RegistrySeed seed) {
        // An MN may move from one monitor to another: clear the seed's MNs first so the unique index holds.
        batch(
                "UPDATE monitor SET mn = NULL WHERE mn = ?",
                seed.monitors().stream().filter(m -> m.mn() != null).toList(),
                m -> new Object[] {m.mn()});
        batch(
                "INSERT INTO monitor (device_id, kind, enterprise, outlet, mn, password, has_auto_sampler,"
                        + " auto_calibration) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET"
                        + " kind = excluded.kind, enterprise = excluded.enterprise, outlet = excluded.outlet,"
                        + " mn = excluded.mn, password = excluded.password,"
                        + " has_auto_sampler = excluded.has_auto_sampler, auto_calibration = excluded.auto_calibration",
                seed.monitors(),
                m -> new Object[] {
                    m.deviceId(),
                    m.kind().code(),
                    m.enterprise(),
                    m.outlet(),
                    m.mn(),
                    m.password(),
                    m.hasAutoSampler(),
                    m.autoCalibration()
                });
        // A monitor's parameter list is configuration: the seed's list replaces the stored one.
        batch("DELETE FROM monitor_parameter WHERE device_id = ?", seed.monitors(), m -> new Object[] {m.deviceId()});
        batch(
                "INSERT INTO monitor_parameter (device_id, parameter, unit, range_min, range_max, limit_value,"
                        + " limit_low, limit_cold, limit_o2_ref_pct) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seed.monitorParameters(),
                p -> new Object[] {
                    p.deviceId(),
                    p.parameter(),
                    p.unit(),
                    p.rangeMin(),
                    p.rangeMax(),
                    p.limitValue(),
                    p.limitLow(),
                    p.limitCold(),
                    p.limitO2RefPct()
                });
    }

    private int deactivateAbsent(List<Device> present) {
        Object[] ids = present.stream().map(Device::id).toArray();
        return jdbc.update(con -> {
            var statement = con.prepareStatement(
                    "UPDATE device SET active = false, updated_at = now() WHERE active AND NOT (id = ANY (?))");
            statement.setArray(1, con.createArrayOf("text", ids));
            return statement;
        });
    }

    private <T> void batch(String sql, List<T> items, Function<T, Object[]> args) {
        if (!items.isEmpty()) {
            jdbc.batchUpdate(sql, items.stream().map(args).toList());
        }
    }
}
