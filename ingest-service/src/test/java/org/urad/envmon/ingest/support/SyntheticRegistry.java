package org.urad.envmon.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Monitor;
import org.urad.envmon.ingest.registry.MonitorParameter;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Well;

/**
 * A registry of many synthetic devices for load and fault tests: wells {@code W000001}, … measuring
 * {@code flow}, and CEMS monitors {@code C000001}, … (MN {@code BMN…}, PW {@value #PASSWORD}) each
 * registered for the ten {@link #CEMS_CODES}.
 */
public final class SyntheticRegistry {

    public static final String PASSWORD = "123456";
    public static final List<String> CEMS_CODES =
            List.of("a21026", "a21002", "a21005", "a34013", "a19001", "a01011", "a01012", "a01013", "a01014", "a00000");

    private SyntheticRegistry() {}

    public static String well(int n) {
        return "W%06d".formatted(n);
    }

    public static String cems(int n) {
        return "C%06d".formatted(n);
    }

    public static String mn(int n) {
        return "BMN%021d".formatted(n);
    }

    public static RegistrySnapshot create(int wells, int monitors) {
        Duration minute = Duration.ofMinutes(1);
        List<Device> devices = new ArrayList<>(wells + monitors);
        List<Well> wellList = new ArrayList<>(wells);
        for (int i = 1; i <= wells; i++) {
            devices.add(new Device(well(i), Family.WELL, "well " + i, minute, 108.5, 41.5, true));
            wellList.add(new Well(well(i), "V001", "ZONE-UMB", 30000, "electromagnetic", false, null));
        }
        List<Monitor> monitorList = new ArrayList<>(monitors);
        List<MonitorParameter> monitorParameters = new ArrayList<>(monitors * CEMS_CODES.size());
        for (int i = 1; i <= monitors; i++) {
            devices.add(new Device(cems(i), Family.CEMS, "cems " + i, minute, 108.7, 41.4, true));
            monitorList.add(
                    new Monitor(cems(i), Family.CEMS, "enterprise " + i, "outlet", mn(i), PASSWORD, false, true));
            for (String code : CEMS_CODES) {
                monitorParameters.add(new MonitorParameter(cems(i), code, "mg/m3", 0, 1e6, null, null, null));
            }
        }
        List<ParameterSpec> parameters = new ArrayList<>();
        parameters.add(new ParameterSpec(Family.WELL, "flow", "瞬时流量", "pumping flow", "m3/h", 0.0, 2000.0, null));
        for (String code : CEMS_CODES) {
            parameters.add(new ParameterSpec(Family.CEMS, code, code, code, "mg/m3", 0.0, 1e6, null));
        }
        return new RegistrySnapshot(devices, parameters, wellList, monitorList, monitorParameters, List.of());
    }
}
