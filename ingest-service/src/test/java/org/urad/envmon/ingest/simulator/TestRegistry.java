package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.util.List;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Gate;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Well;

/**
 * A small registry: a control well, two metered wells, a CEMS, two sewage-plant monitors and a
 * gate, all with ids starting with {@code prefix}.
 */
final class TestRegistry {

    static final Duration HOURLY = Duration.ofHours(1);
    static final Duration CEMS_INTERVAL = Duration.ofMinutes(10);
    static final Duration GATE_INTERVAL = Duration.ofMinutes(15);
    static final double CONTROL_LEVEL = 1032.5;

    private TestRegistry() {}

    static RegistrySnapshot build(String p) {
        List<Device> devices = List.of(
                device(p + "well-c1", Family.WELL, HOURLY),
                device(p + "well-02", Family.WELL, HOURLY),
                device(p + "well-03", Family.WELL, HOURLY),
                device(p + "cems-1", Family.CEMS, CEMS_INTERVAL),
                device(p + "wq-1", Family.WATER_QUALITY, HOURLY),
                device(p + "wq-2", Family.WATER_QUALITY, HOURLY),
                device(p + "gate-1", Family.GATE, GATE_INTERVAL));
        List<Well> wells = List.of(
                new Well(p + "well-c1", "v1", "z1", 40_000, "electromagnetic", true, CONTROL_LEVEL),
                new Well(p + "well-02", "v1", "z1", 30_000, "ultrasonic", false, null),
                new Well(p + "well-03", "v1", "z1", 25_000, "ultrasonic", false, null));
        List<Monitor> monitors = List.of(
                new Monitor(p + "cems-1", Family.CEMS, "Coke plant", "main stack", p + "MN1", "pw", false, true),
                new Monitor(p + "wq-1", Family.WATER_QUALITY, "Sewage plant A", "outfall", p + "MN2", "pw", true, true),
                new Monitor(
                        p + "wq-2", Family.WATER_QUALITY, "Sewage plant B", "outfall", p + "MN3", "pw", true, true));
        List<MonitorParameter> parameters = List.of(
                new MonitorParameter(p + "cems-1", "a21026", "mg/m3", 0, 200, 35.0, null, null),
                new MonitorParameter(p + "cems-1", "a21002", "mg/m3", 0, 300, 50.0, null, null),
                new MonitorParameter(p + "cems-1", "a34013", "mg/m3", 0, 50, 10.0, null, null),
                new MonitorParameter(p + "cems-1", "a19001", "%", 0, 25, null, null, null),
                new MonitorParameter(p + "wq-1", "w01018", "mg/L", 0, 200, 50.0, null, null),
                new MonitorParameter(p + "wq-1", "w21003", "mg/L", 0, 50, 5.0, null, 8.0),
                new MonitorParameter(p + "wq-1", "w21011", "mg/L", 0, 10, 0.5, null, null),
                new MonitorParameter(p + "wq-1", "w21001", "mg/L", 0, 100, 15.0, null, null),
                new MonitorParameter(p + "wq-1", "w01001", "pH", 0, 14, 9.0, 6.0, null));
        return new RegistrySnapshot(devices, specs(), wells, monitors, parameters, List.of(gate(p + "gate-1")));
    }

    private static Device device(String id, Family family, Duration interval) {
        return new Device(id, family, id, interval, 108.5, 41.5, true);
    }

    private static Gate gate(String id) {
        return new Gate(id, "Tongji canal", "state_managed", true);
    }

    /** The {@code parameter} rows of V1__registry.sql that the simulator reports. */
    static List<ParameterSpec> specs() {
        return List.of(
                spec(Family.WELL, "gw_level", "m", -500, 9000),
                spec(Family.WELL, "volume_total", "m3", 0, 1e9),
                spec(Family.WELL, "flow", "m3/h", 0, 2000),
                spec(Family.GATE, "flow", "m3/s", 0, 2000),
                spec(Family.GATE, "level", "m", -10, 5000),
                spec(Family.GATE, "gate_opening", "m", 0, 20),
                spec(Family.GATE, "volume_total", "m3", 0, 1e12),
                spec(Family.CEMS, "a21026", "mg/m3", 0, 100000),
                spec(Family.CEMS, "a21002", "mg/m3", 0, 100000),
                spec(Family.CEMS, "a34013", "mg/m3", 0, 100000),
                spec(Family.CEMS, "a19001", "%", 0, 100),
                spec(Family.CEMS, "a00000", "m3/s", 0, 100000),
                spec(Family.CEMS, "a01012", "degC", -60, 1500),
                spec(Family.WATER_QUALITY, "w01018", "mg/L", 0, 100000),
                spec(Family.WATER_QUALITY, "w21003", "mg/L", 0, 10000),
                spec(Family.WATER_QUALITY, "w21011", "mg/L", 0, 10000),
                spec(Family.WATER_QUALITY, "w21001", "mg/L", 0, 10000),
                spec(Family.WATER_QUALITY, "w01001", "pH", 0, 14),
                spec(Family.WATER_QUALITY, "w00000", "L/s", 0, 1e6),
                spec(Family.WATER_QUALITY, "w01010", "degC", -5, 100));
    }

    private static ParameterSpec spec(Family family, String code, String unit, double min, double max) {
        return new ParameterSpec(family, code, code, code, unit, min, max, null);
    }
}
