package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.util.List;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.registry.Device;

/**
 * What one device reports at one instant: its readings (all with the same data flag) and any
 * calibration results that fell due since its previous message.
 */
public record SimulatedMessage(
        Device device, Instant time, DataFlag flag, List<Value> values, List<Calibration> calibrations) {

    /** One value in the parameter's canonical unit; {@code time} is usually the message time. */
    public record Value(String parameter, Instant time, double value) {}

    public String topic() {
        return "urad/v1/" + device.family().code() + "/" + device.id() + "/json";
    }

    public Value value(String parameter) {
        return values.stream()
                .filter(v -> v.parameter().equals(parameter) && v.time().equals(time))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(device.id() + " reports no " + parameter));
    }
}
