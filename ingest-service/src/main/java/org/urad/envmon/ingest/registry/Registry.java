package org.urad.envmon.ingest.registry;

import java.util.Collection;
import java.util.Optional;
import org.urad.envmon.ingest.reading.Family;

/** A consistent, immutable view of the registry, as the pipeline and the rules read it. */
public interface Registry {

    Optional<Device> device(String id);

    Collection<Device> devices();

    Optional<ParameterSpec> parameter(Family family, String code);

    /** The 2017 code for an HJ 212-2005 code (e.g. {@code 02} → {@code a21026}), within a family. */
    Optional<ParameterSpec> parameterBy2005Code(Family family, String code2005);

    Optional<Well> well(String deviceId);

    Optional<Monitor> monitor(String deviceId);

    Optional<Monitor> monitorByMn(String mn);

    Optional<MonitorParameter> monitorParameter(String deviceId, String parameter);

    Optional<Gate> gate(String deviceId);

    /** The well or gate whose SZY 206 / SL 651 terminal has this address. */
    Optional<Device> deviceByTerminal(String protocol, String address);
}
