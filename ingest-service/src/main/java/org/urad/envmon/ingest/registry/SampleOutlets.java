package org.urad.envmon.ingest.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Family;

/**
 * The sample monitors and gates: the coke-oven and dry-quenching CEMS, ten sewage-plant water-quality monitors (the
 * three plants the rectification report names, seven invented ones) and 24 canal gates.
 */
final class SampleOutlets {

    static final String CEMS_ID = "CEMS-SHENHUA-COKE";
    static final String QUENCHING_CEMS_ID = "CEMS-SHENHUA-QUENCH";
    static final String SAMPLE_PASSWORD = "123456";

    /** Plant id, enterprise, auto sampler, approximate lat/lon. */
    private record Plant(String id, String enterprise, boolean autoSampler, double lat, double lon) {}

    private static final List<Plant> PLANTS = List.of(
            new Plant("WQ-JIEYUAN", "乌拉特中旗洁源污水处理有限公司", true, 41.55812, 108.50163),
            new Plant("WQ-MENGYUAN", "蒙源水务有限公司污水处理厂", true, 41.85274, 108.31592),
            new Plant("WQ-LVJIE", "滤洁污水处理厂", true, 41.44231, 108.78605),
            new Plant("WQ-SAMPLE04", "示例污水处理厂04", true, 41.33958, 108.06217),
            new Plant("WQ-SAMPLE05", "示例污水处理厂05", false, 41.61507, 108.91842),
            new Plant("WQ-SAMPLE06", "示例污水处理厂06", true, 41.40216, 108.24371),
            new Plant("WQ-SAMPLE07", "示例污水处理厂07", false, 41.71843, 107.86126),
            new Plant("WQ-SAMPLE08", "示例污水处理厂08", false, 41.82977, 108.59214),
            new Plant("WQ-SAMPLE09", "示例污水处理厂09", false, 41.70352, 108.14683),
            new Plant("WQ-SAMPLE10", "示例污水处理厂10", false, 41.84119, 107.66428));

    /** Canal, section class, gates on it, how many of them are automated, approximate start lat/lon. */
    private record Canal(String name, String sectionClass, int gates, int automated, double lat, double lon) {}

    private static final List<Canal> CANALS = List.of(
            new Canal("示例一分干渠", "state_managed", 4, 3, 41.33, 107.98),
            new Canal("示例二分干渠", "state_managed", 4, 2, 41.31, 108.12),
            new Canal("友谊支渠", "mass_managed", 4, 1, 41.35, 108.02),
            new Canal("示例一支渠", "mass_managed", 4, 0, 41.32, 108.06),
            new Canal("示例二支渠", "mass_managed", 4, 0, 41.36, 108.20),
            new Canal("示例三支渠", "mass_managed", 4, 0, 41.38, 108.28));

    private final List<Device> devices = new ArrayList<>();
    private final List<Monitor> monitors = new ArrayList<>();
    private final List<MonitorParameter> parameters = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();

    SampleOutlets() {
        cems();
        for (int i = 0; i < PLANTS.size(); i++) {
            waterQuality(PLANTS.get(i), i + 1);
        }
        int number = 1;
        for (Canal canal : CANALS) {
            for (int g = 1; g <= canal.gates(); g++, number++) {
                String id = "GATE-%02d".formatted(number);
                double lat = SampleRegistryGenerator.round(canal.lat() + g * 0.012, 5);
                double lon = SampleRegistryGenerator.round(canal.lon() + g * 0.009, 5);
                devices.add(
                        new Device(id, Family.GATE, canal.name() + g + "号闸", Duration.ofMinutes(5), lon, lat, true));
                gates.add(new Gate(id, canal.name(), canal.sectionClass(), g <= canal.automated(), sl651(number)));
            }
        }
    }

    /** Every third gate (from the first) reports through an SL 651 station: 00, the division code, its number. */
    private static Terminal sl651(int number) {
        return number % 3 == 1
                ? new Terminal("sl651", "00" + SampleRegistryGenerator.DIVISION + "%02d".formatted(number))
                : null;
    }

    /** Limits: ultra-low coke-oven chimney values (particulate 10, SO2 30, NOx 150 mg/m3 at 8 % O2). */
    private void cems() {
        devices.add(new Device(
                CEMS_ID, Family.CEMS, "神华巴彦淖尔能源焦炉烟气总排口烟气连续监测系统", Duration.ofMinutes(1), 108.30412, 41.86235, true));
        monitors.add(new Monitor(
                CEMS_ID,
                Family.CEMS,
                "神华巴彦淖尔能源有限责任公司",
                "焦炉烟气总排口",
                "150824310000000000000001",
                SAMPLE_PASSWORD,
                false,
                true));
        // the coke-oven chimney's limits are set at 8 % reference O2 (GB 16171-2012; 环大气〔2019〕35号)
        for (String[] p : new String[][] {{"a21026", "100", "30"}, {"a21002", "500", "150"}, {"a34013", "50", "10"}}) {
            parameters.add(new MonitorParameter(
                    CEMS_ID, p[0], "mg/m3", 0, Double.parseDouble(p[1]), Double.parseDouble(p[2]), null, null, 8.0));
        }
        parameter(CEMS_ID, "a19001", "%", 25, null, null, null);
        parameter(CEMS_ID, "a00000", "m3/s", 150, null, null, null);
        parameter(CEMS_ID, "a01012", "degC", 300, null, null, null);
        quenchingCems();
    }

    /**
     * The same enterprise's coke dry-quenching outlet (干熄焦, named in the report's energy-saving
     * retrofit). Limits: ultra-low dry-quenching values (particulate 10, SO2 50 mg/m3).
     */
    private void quenchingCems() {
        devices.add(new Device(
                QUENCHING_CEMS_ID,
                Family.CEMS,
                "神华巴彦淖尔能源干熄焦排口烟气连续监测系统",
                Duration.ofMinutes(1),
                108.30655,
                41.86071,
                true));
        monitors.add(new Monitor(
                QUENCHING_CEMS_ID,
                Family.CEMS,
                "神华巴彦淖尔能源有限责任公司",
                "干熄焦排口",
                "150824310000000000000002",
                SAMPLE_PASSWORD,
                false,
                true));
        parameter(QUENCHING_CEMS_ID, "a21026", "mg/m3", 200, 50.0, null, null);
        parameter(QUENCHING_CEMS_ID, "a34013", "mg/m3", 50, 10.0, null, null);
        parameter(QUENCHING_CEMS_ID, "a19001", "%", 25, null, null, null);
        parameter(QUENCHING_CEMS_ID, "a00000", "m3/s", 100, null, null, null);
    }

    /** Limits: GB 18918-2002 grade 1-A daily means; NH3-N 8 mg/L when the water is at or below 12 °C. */
    private void waterQuality(Plant plant, int number) {
        devices.add(new Device(
                plant.id(),
                Family.WATER_QUALITY,
                plant.enterprise() + "出水水质在线监测",
                Duration.ofHours(1),
                plant.lon(),
                plant.lat(),
                true));
        monitors.add(new Monitor(
                plant.id(),
                Family.WATER_QUALITY,
                plant.enterprise(),
                "污水总排口",
                "15082432000000000000%04d".formatted(number),
                SAMPLE_PASSWORD,
                plant.autoSampler(),
                true));
        parameter(plant.id(), "w01018", "mg/L", 200, 50.0, null, null);
        parameter(plant.id(), "w21003", "mg/L", 20, 5.0, null, 8.0);
        parameter(plant.id(), "w21011", "mg/L", 5, 0.5, null, null);
        parameter(plant.id(), "w21001", "mg/L", 50, 15.0, null, null);
        parameter(plant.id(), "w01001", "pH", 14, 9.0, 6.0, null);
        parameter(plant.id(), "w00000", "L/s", 500, null, null, null);
        parameter(plant.id(), "w01010", "degC", 50, null, null, null);
    }

    private void parameter(
            String deviceId, String code, String unit, double rangeMax, Double limit, Double low, Double cold) {
        parameters.add(new MonitorParameter(deviceId, code, unit, 0, rangeMax, limit, low, cold));
    }

    List<Device> devices() {
        return devices;
    }

    List<Monitor> monitors() {
        return monitors;
    }

    List<MonitorParameter> monitorParameters() {
        return parameters;
    }

    List<Gate> gates() {
        return gates;
    }
}
