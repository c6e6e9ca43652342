package org.urad.envmon.ingest.registry;

import java.util.List;

/** Everything the registry tables hold, as read in one transaction. */
public record RegistryData(
        List<Zone> zones,
        List<Village> villages,
        List<Device> devices,
        List<Well> wells,
        List<Monitor> monitors,
        List<MonitorParameter> monitorParameters,
        List<Gate> gates,
        List<ParameterSpec> parameters) {

    public RegistryData {
        zones = List.copyOf(zones);
        villages = List.copyOf(villages);
        devices = List.copyOf(devices);
        wells = List.copyOf(wells);
        monitors = List.copyOf(monitors);
        monitorParameters = List.copyOf(monitorParameters);
        gates = List.copyOf(gates);
        parameters = List.copyOf(parameters);
    }

    public static RegistryData empty() {
        return new RegistryData(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public RegistrySnapshot snapshot() {
        return new RegistrySnapshot(devices, parameters, wells, monitors, monitorParameters, gates);
    }
}
