package org.urad.envmon.ingest.registry;

import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.reading.Family;

/** An in-memory {@link Registry}, built once from lists and never changed. */
public final class RegistrySnapshot implements Registry {

    private final Map<String, Device> devices;
    private final Map<Family, Map<String, ParameterSpec>> parameters;
    private final Map<Family, Map<String, ParameterSpec>> parametersBy2005;
    private final Map<String, Well> wells;
    private final Map<String, Monitor> monitors;
    private final Map<String, Monitor> monitorsByMn;
    private final Map<String, Map<String, MonitorParameter>> monitorParameters;
    private final Map<String, Gate> gates;
    private final Map<String, String> deviceIdsByTerminal;

    public RegistrySnapshot(
            List<Device> devices,
            List<ParameterSpec> parameters,
            List<Well> wells,
            List<Monitor> monitors,
            List<MonitorParameter> monitorParameters,
            List<Gate> gates) {
        this.devices = index(devices, Device::id);
        this.parameters = byFamily(parameters, ParameterSpec::code);
        this.parametersBy2005 =
                byFamily(parameters.stream().filter(p -> p.code2005() != null).toList(), ParameterSpec::code2005);
        this.wells = index(wells, Well::deviceId);
        this.monitors = index(monitors, Monitor::deviceId);
        this.monitorsByMn = index(monitors.stream().filter(m -> m.mn() != null).toList(), Monitor::mn);
        this.monitorParameters = Map.copyOf(monitorParameters.stream()
                .collect(Collectors.groupingBy(
                        MonitorParameter::deviceId,
                        Collectors.collectingAndThen(
                                Collectors.toList(), list -> index(list, MonitorParameter::parameter)))));
        this.gates = index(gates, Gate::deviceId);
        Map<String, String> terminals = new HashMap<>();
        wells.stream()
                .filter(w -> w.terminal() != null)
                .forEach(w -> terminals.put(w.terminal().key(), w.deviceId()));
        gates.stream()
                .filter(g -> g.terminal() != null)
                .forEach(g -> terminals.put(g.terminal().key(), g.deviceId()));
        this.deviceIdsByTerminal = Map.copyOf(terminals);
    }

    public static RegistrySnapshot empty() {
        return new RegistrySnapshot(List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> key) {
        return Map.copyOf(
                items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> b, HashMap::new)));
    }

    /** Lookups by (family, code) without building a key per call: they run for every reading. */
    private static Map<Family, Map<String, ParameterSpec>> byFamily(
            List<ParameterSpec> parameters, Function<ParameterSpec, String> code) {
        Map<Family, Map<String, ParameterSpec>> result = new EnumMap<>(Family.class);
        for (Family family : Family.values()) {
            result.put(
                    family,
                    index(parameters.stream().filter(p -> p.family() == family).toList(), code));
        }
        return result;
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public Collection<Device> devices() {
        return devices.values();
    }

    @Override
    public Optional<ParameterSpec> parameter(Family family, String code) {
        return Optional.ofNullable(parameters.get(family).get(code));
    }

    @Override
    public Optional<ParameterSpec> parameterBy2005Code(Family family, String code2005) {
        return Optional.ofNullable(parametersBy2005.get(family).get(code2005));
    }

    @Override
    public Optional<Well> well(String deviceId) {
        return Optional.ofNullable(wells.get(deviceId));
    }

    @Override
    public Optional<Monitor> monitor(String deviceId) {
        return Optional.ofNullable(monitors.get(deviceId));
    }

    @Override
    public Optional<Monitor> monitorByMn(String mn) {
        return Optional.ofNullable(monitorsByMn.get(mn));
    }

    @Override
    public Optional<MonitorParameter> monitorParameter(String deviceId, String parameter) {
        Map<String, MonitorParameter> forDevice = monitorParameters.get(deviceId);
        return Optional.ofNullable(forDevice == null ? null : forDevice.get(parameter));
    }

    @Override
    public Optional<Gate> gate(String deviceId) {
        return Optional.ofNullable(gates.get(deviceId));
    }

    @Override
    public Optional<Device> deviceByTerminal(String protocol, String address) {
        String id = deviceIdsByTerminal.get(Terminal.key(protocol, address));
        return id == null ? Optional.empty() : device(id);
    }
}
