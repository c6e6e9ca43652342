package org.urad.envmon.ingest.registry;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.DeviceView.GateView;
import org.urad.envmon.ingest.registry.DeviceView.MonitorView;
import org.urad.envmon.ingest.registry.DeviceView.ParameterView;
import org.urad.envmon.ingest.registry.DeviceView.WellView;

/** Builds {@link DeviceView}s from one consistent {@link RegistryData}. */
final class DeviceViews {

    private final RegistryData data;
    private final Map<String, Village> villages;
    private final Map<String, Well> wells;
    private final Map<String, Monitor> monitors;
    private final Map<String, List<MonitorParameter>> parameters;
    private final Map<String, Gate> gates;

    DeviceViews(RegistryData data) {
        this.data = data;
        this.villages = byId(data.villages(), Village::id);
        this.wells = byId(data.wells(), Well::deviceId);
        this.monitors = byId(data.monitors(), Monitor::deviceId);
        this.parameters = data.monitorParameters().stream().collect(Collectors.groupingBy(MonitorParameter::deviceId));
        this.gates = byId(data.gates(), Gate::deviceId);
    }

    List<DeviceView> list(Optional<Family> family) {
        return data.devices().stream()
                .filter(d -> family.map(f -> f == d.family()).orElse(true))
                .sorted(Comparator.comparing(Device::id))
                .map(this::view)
                .toList();
    }

    Optional<DeviceView> find(String id) {
        return data.devices().stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .map(this::view);
    }

    private DeviceView view(Device device) {
        return new DeviceView(
                device.id(),
                device.family().code(),
                device.name(),
                device.reportingInterval().toString(),
                device.lon(),
                device.lat(),
                device.active(),
                well(wells.get(device.id())),
                monitor(monitors.get(device.id())),
                gate(gates.get(device.id())));
    }

    private WellView well(Well well) {
        if (well == null) {
            return null;
        }
        Village village = villages.get(well.villageId());
        return new WellView(
                well.villageId(),
                village == null ? null : village.name(),
                village == null ? null : village.township(),
                well.zoneId(),
                well.annualAllocationM3(),
                well.meterType(),
                well.controlWell(),
                well.controlLevelM(),
                well.roles(),
                well.wellheadElevationM());
    }

    private MonitorView monitor(Monitor monitor) {
        if (monitor == null) {
            return null;
        }
        List<ParameterView> views = parameters.getOrDefault(monitor.deviceId(), List.of()).stream()
                .map(p -> new ParameterView(
                        p.parameter(),
                        p.unit(),
                        p.rangeMin(),
                        p.rangeMax(),
                        p.limitValue(),
                        p.limitLow(),
                        p.limitCold()))
                .toList();
        return new MonitorView(
                monitor.enterprise(),
                monitor.outlet(),
                monitor.mn(),
                monitor.hasAutoSampler(),
                monitor.autoCalibration(),
                views);
    }

    private static GateView gate(Gate gate) {
        return gate == null ? null : new GateView(gate.canal(), gate.sectionClass(), gate.automated());
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
