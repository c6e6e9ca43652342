package org.urad.envmon.ingest.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urad.envmon.ingest.reading.Family;

/** Collects the devices of one seed, file by file, checking ids, references and the catalogue. */
final class SeedDevices {

    private static final int MN_MAX_LENGTH = 24;

    private final Map<String, Village> villages;
    private final Map<String, ParameterSpec> catalogue = new HashMap<>();
    private final Map<String, String> seenIds = new HashMap<>();
    private final Map<String, String> seenMns = new HashMap<>();
    private final Map<String, String> seenTerminals = new HashMap<>();
    private final Set<String> seenParameters = new HashSet<>();
    private final List<Device> devices = new ArrayList<>();
    private final List<Well> wells = new ArrayList<>();
    private final List<Monitor> monitors = new ArrayList<>();
    private final Map<String, Monitor> monitorById = new HashMap<>();
    private final List<MonitorParameter> monitorParameters = new ArrayList<>();
    private final List<Gate> gates = new ArrayList<>();

    SeedDevices(Map<String, Village> villages, Collection<ParameterSpec> catalogue) {
        this.villages = villages;
        catalogue.forEach(p -> this.catalogue.put(p.family().code() + "/" + p.code(), p));
    }

    void wells(SeedTable table) {
        for (SeedRow row : table.rows()) {
            String villageId = row.text("village_id");
            Village village = villageId == null ? null : villages.get(villageId);
            if (villageId != null && village == null) {
                row.problem("unknown village '%s'".formatted(villageId));
            }
            SeedWell well = SeedWell.read(row, seenTerminals);
            Device device = device(row, Family.WELL);
            if (device != null && village != null && well != null) {
                devices.add(device);
                wells.add(well.toWell(device.id(), villageId, village.zoneId()));
            }
        }
    }

    void monitors(SeedTable table) {
        for (SeedRow row : table.rows()) {
            String kind = row.oneOf("kind", SeedColumns.MONITOR_KINDS);
            String mn = row.optional("mn");
            if (mn != null && mn.length() > MN_MAX_LENGTH) {
                row.problem("mn '%s' is longer than %d characters".formatted(mn, MN_MAX_LENGTH));
            }
            if (mn != null && seenMns.putIfAbsent(mn, where(row)) != null) {
                row.problem("duplicate mn '%s' (first in %s)".formatted(mn, seenMns.get(mn)));
            }
            Boolean sampler = row.bool("has_auto_sampler");
            Boolean autoCalibration = row.bool("auto_calibration");
            String enterprise = row.text("enterprise");
            String outlet = row.text("outlet");
            Family family = kind == null ? null : Family.fromCode(kind).orElseThrow();
            Device device = device(row, family);
            if (device != null && family != null && sampler != null && autoCalibration != null) {
                Monitor monitor = new Monitor(
                        device.id(),
                        family,
                        enterprise,
                        outlet,
                        mn,
                        row.optional("password"),
                        sampler,
                        autoCalibration);
                devices.add(device);
                monitors.add(monitor);
                monitorById.put(monitor.deviceId(), monitor);
            }
        }
    }

    void monitorParameters(SeedTable table) {
        for (SeedRow row : table.rows()) {
            String deviceId = row.text("device_id");
            String code = row.text("parameter");
            Monitor monitor = deviceId == null ? null : monitorById.get(deviceId);
            if (deviceId != null && monitor == null) {
                row.problem("unknown monitor '%s'".formatted(deviceId));
            }
            ParameterSpec spec = monitor == null || code == null
                    ? null
                    : catalogue.get(monitor.kind().code() + "/" + code);
            if (monitor != null && code != null && spec == null) {
                row.problem("parameter '%s' is not in the %s catalogue"
                        .formatted(code, monitor.kind().code()));
            }
            String unit = row.text("unit");
            if (spec != null && unit != null && !unit.equals(spec.unit())) {
                row.problem("unit '%s' of %s differs from the catalogue unit '%s'".formatted(unit, code, spec.unit()));
            }
            if (deviceId != null && code != null && !seenParameters.add(deviceId + "/" + code)) {
                row.problem("duplicate parameter '%s' for '%s'".formatted(code, deviceId));
            }
            Double min = row.number("range_min");
            Double max = row.number("range_max");
            if (min != null && max != null && max <= min) {
                row.problem("range_max %s is not above range_min %s".formatted(max, min));
            }
            Double limit = row.optionalNumber("limit_value");
            Double low = row.optionalNumber("limit_low");
            Double cold = row.optionalNumber("limit_cold");
            Double o2Ref = row.optionalNumber("limit_o2_ref_pct");
            if (o2Ref != null && (o2Ref < 0 || o2Ref >= 21)) {
                row.problem("limit_o2_ref_pct %s is not a reference O2 (0 to below 21 %%)".formatted(o2Ref));
            }
            if (spec != null && unit != null && min != null && max != null) {
                monitorParameters.add(new MonitorParameter(deviceId, code, unit, min, max, limit, low, cold, o2Ref));
            }
        }
    }

    void gates(SeedTable table) {
        for (SeedRow row : table.rows()) {
            String canal = row.text("canal");
            String sectionClass = row.oneOf("section_class", SeedColumns.SECTION_CLASSES);
            Boolean automated = row.bool("automated");
            int before = row.problems().size();
            Terminal terminal = SeedTerminal.read(row, seenTerminals);
            boolean terminalOk = row.problems().size() == before;
            Device device = device(row, Family.GATE);
            if (device != null && sectionClass != null && automated != null && terminalOk) {
                devices.add(device);
                gates.add(new Gate(device.id(), canal, sectionClass, automated, terminal));
            }
        }
    }

    /** The device columns every device file shares; {@code null} when the id is missing or taken. */
    private Device device(SeedRow row, Family family) {
        String id = row.text("id");
        String name = row.text("name");
        Duration interval = row.duration("reporting_interval");
        Double lon = range(row, "lon", -180, 180);
        Double lat = range(row, "lat", -90, 90);
        if (id != null && seenIds.putIfAbsent(id, where(row)) != null) {
            row.problem("duplicate device id '%s' (first in %s)".formatted(id, seenIds.get(id)));
            return null;
        }
        if (id == null || family == null || name == null || interval == null) {
            return null;
        }
        return new Device(id, family, name, interval, lon, lat, true);
    }

    private static Double range(SeedRow row, String column, double min, double max) {
        Double value = row.optionalNumber(column);
        if (value != null && (value < min || value > max)) {
            row.problem("%s %s is outside %s..%s".formatted(column, value, min, max));
            return null;
        }
        return value;
    }

    private static String where(SeedRow row) {
        return row.file() + " line " + row.line();
    }

    List<Device> devices() {
        return devices;
    }

    List<Well> wells() {
        return wells;
    }

    List<Monitor> monitors() {
        return monitors;
    }

    List<MonitorParameter> monitorParameters() {
        return monitorParameters;
    }

    List<Gate> gates() {
        return gates;
    }
}
