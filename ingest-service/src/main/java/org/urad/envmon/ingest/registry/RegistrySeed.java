package org.urad.envmon.ingest.registry;

import java.util.List;

/**
 * The whole registry as a seed states it: what {@link RegistrySeedLoader} writes in one transaction.
 * Every device listed here is active; devices the database knows and the seed omits become inactive.
 */
public record RegistrySeed(
        String version,
        List<Zone> zones,
        List<Village> villages,
        List<Device> devices,
        List<Well> wells,
        List<Monitor> monitors,
        List<MonitorParameter> monitorParameters,
        List<Gate> gates) {

    /** The seed files, in the order they are read, written and checksummed. */
    public static final List<String> FILES =
            List.of("zones.csv", "villages.csv", "wells.csv", "monitors.csv", "monitor_parameters.csv", "gates.csv");

    public RegistrySeed {
        zones = List.copyOf(zones);
        villages = List.copyOf(villages);
        devices = List.copyOf(devices);
        wells = List.copyOf(wells);
        monitors = List.copyOf(monitors);
        monitorParameters = List.copyOf(monitorParameters);
        gates = List.copyOf(gates);
    }
}
