package org.urad.envmon.ingest.normalise;

import static org.urad.envmon.ingest.reading.RejectReason.UNKNOWN_PARAMETER;

import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Finds the parameter a device sent: its family's catalogue entry by 2017 code, or by the HJ
 * 212-2005 code older loggers still send, or a well's {@code level} (what SZY 206 and SL 651 terminals
 * call the water level of a well) as its {@code gw_level}; a monitor must also have the parameter registered.
 */
final class ParameterResolver {

    private final Registry registry;
    private final Device device;

    ParameterResolver(Registry registry, Device device) {
        this.registry = registry;
        this.device = device;
    }

    ParameterSpec resolve(String code) throws RejectedValue {
        ParameterSpec spec = registry.parameter(device.family(), code)
                .or(() -> registry.parameterBy2005Code(device.family(), code))
                .or(() -> device.family() == Family.WELL && code.equals("level")
                        ? registry.parameter(Family.WELL, "gw_level")
                        : java.util.Optional.empty())
                .orElseThrow(() -> new RejectedValue(
                        UNKNOWN_PARAMETER,
                        "'" + code + "' is not a " + device.family().code() + " parameter"));
        if (device.family().isMonitor()
                && registry.monitorParameter(device.id(), spec.code()).isEmpty()) {
            throw new RejectedValue(
                    UNKNOWN_PARAMETER, "'" + spec.code() + "' is not registered for monitor " + device.id());
        }
        return spec;
    }
}
