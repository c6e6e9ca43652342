package org.urad.envmon.ingest.support;

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

/** A small registry for tests: two wells, a CEMS, a water-quality monitor and a gate. */
public final class SampleRegistry {

    public static final String WELL = "W0001";
    public static final String CONTROL_WELL = "W0002";
    public static final String CEMS = "CEMS-TEST";
    public static final String CEMS_MN = "010000A8900016F000169DC0";
    public static final String CEMS_PW = "123456";
    public static final String WATER = "WQ-TEST";
    public static final String GATE = "GATE-TEST";

    private SampleRegistry() {}

    public static RegistrySnapshot create() {
        Duration hour = Duration.ofHours(1);
        List<Device> devices = List.of(
                new Device(WELL, Family.WELL, "测试井1", hour, 108.5, 41.5, true),
                new Device(CONTROL_WELL, Family.WELL, "测试控制井", hour, 108.6, 41.6, true),
                new Device(CEMS, Family.CEMS, "测试焦炉烟气总排口", Duration.ofMinutes(1), 108.7, 41.4, true),
                new Device(WATER, Family.WATER_QUALITY, "测试污水处理厂", hour, 108.4, 41.3, true),
                new Device(GATE, Family.GATE, "测试闸", Duration.ofMinutes(5), 108.3, 41.2, true));
        List<ParameterSpec> parameters = List.of(
                new ParameterSpec(Family.WELL, "gw_level", "地下水水位", "groundwater level", "m", -500.0, 9000.0, null),
                new ParameterSpec(Family.WELL, "volume_total", "累计取水量", "cumulative abstraction", "m3", 0.0, 1e9, null),
                new ParameterSpec(Family.WELL, "flow", "瞬时流量", "pumping flow", "m3/h", 0.0, 2000.0, null),
                new ParameterSpec(Family.CEMS, "a21026", "二氧化硫", "SO2", "mg/m3", 0.0, 100000.0, "02"),
                new ParameterSpec(Family.CEMS, "a19001", "氧气含量", "O2", "%", 0.0, 100.0, "S01"),
                new ParameterSpec(Family.WATER_QUALITY, "w01018", "化学需氧量", "COD", "mg/L", 0.0, 100000.0, "011"),
                new ParameterSpec(Family.WATER_QUALITY, "w01001", "pH值", "pH", "pH", 0.0, 14.0, "001"),
                new ParameterSpec(Family.GATE, "flow", "过闸流量", "flow", "m3/s", 0.0, 2000.0, null));
        return new RegistrySnapshot(
                devices,
                parameters,
                List.of(
                        new Well(WELL, "V001", "ZONE-UMB", 30000, "electromagnetic", false, null),
                        new Well(CONTROL_WELL, "V001", "ZONE-UMB", 30000, "electromagnetic", true, 1030.0)),
                List.of(
                        new Monitor(CEMS, Family.CEMS, "测试能源公司", "焦炉烟气总排口", CEMS_MN, CEMS_PW, false, true),
                        new Monitor(
                                WATER,
                                Family.WATER_QUALITY,
                                "测试污水处理厂",
                                "总排口",
                                "WQMN0000000000000000001",
                                "654321",
                                true,
                                true)),
                List.of(
                        new MonitorParameter(CEMS, "a21026", "mg/m3", 0, 200, 30.0, null, null),
                        new MonitorParameter(CEMS, "a19001", "%", 0, 25, null, null, null),
                        new MonitorParameter(WATER, "w01018", "mg/L", 0, 200, 50.0, null, null),
                        new MonitorParameter(WATER, "w01001", "pH", 0, 14, 9.0, 6.0, null)),
                List.of(new Gate(GATE, "友谊支渠", "mass_managed", true)));
    }
}
