package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urad.envmon.ingest.decode.sl651.Sl651Codec;
import org.urad.envmon.ingest.decode.sl651.Sl651Reports;
import org.urad.envmon.ingest.decode.szy206.Szy206Codec;
import org.urad.envmon.ingest.decode.szy206.Szy206Reports;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.registry.Terminal;

/**
 * A simulated message as the frame its device's terminal sends: a SZY 206 C0H flow report for a well (flow
 * in m³/s to three decimals, volume in whole m³; flag D as the alarm word's flow-meter fault), an SL 651
 * HEX timed report (32H) for a gate (flow, level, gate opening; the protocol's elements the decoder maps
 * carry no cumulative volume and no flags, so those are left out). A message the protocol cannot carry at
 * all — values at another time than the message's, calibrations, a well's groundwater level — is empty:
 * it goes over MQTT. Not thread-safe (the SL 651 serial numbers).
 */
final class TerminalEncoder {

    /** The centre address and password the simulated SL 651 stations use. */
    static final int SL651_CENTRE = 1;

    static final int SL651_PASSWORD = 0;
    private static final int SL651_TIMED = 0x32;

    private final Map<String, Integer> serials = new HashMap<>();

    Optional<byte[]> frame(Terminal terminal, SimulatedMessage m) {
        if (!m.calibrations().isEmpty()
                || m.values().stream().anyMatch(v -> !v.time().equals(m.time()))) {
            return Optional.empty();
        }
        return terminal.protocol().equals("szy206") ? szy206(terminal, m) : sl651(terminal, m);
    }

    private static Optional<byte[]> szy206(Terminal terminal, SimulatedMessage m) {
        Map<String, Double> values = values(m);
        if (!values.keySet().equals(java.util.Set.of("flow", "volume_total"))) {
            return Optional.empty();
        }
        int alarm = m.flag() == DataFlag.D ? Szy206Reports.ALARM_FLOW_METER : 0;
        return Optional.of(Szy206Codec.encode(Szy206Reports.flow(
                terminal.address(), values.get("flow") / 3600, values.get("volume_total"), alarm, 0, m.time(), 0)));
    }

    private Optional<byte[]> sl651(Terminal terminal, SimulatedMessage m) {
        Map<String, Double> values = values(m);
        if (!values.containsKey("flow") || !values.containsKey("level") || !values.containsKey("gate_opening")) {
            return Optional.empty();
        }
        int serial = serials.merge(terminal.address(), 1, (a, b) -> (a + b) & 0xFFFF);
        Instant observed = m.time();
        return Optional.of(Sl651Codec.encode(Sl651Reports.hex(
                SL651_CENTRE,
                terminal.address(),
                SL651_PASSWORD,
                SL651_TIMED,
                serial,
                observed,
                Sl651Reports.GATE_STATION,
                observed,
                List.of(
                        Sl651Reports.Element.flow(values.get("flow")),
                        Sl651Reports.Element.level(values.get("level")),
                        Sl651Reports.Element.gateOpening(values.get("gate_opening"))))));
    }

    private static Map<String, Double> values(SimulatedMessage m) {
        Map<String, Double> values = new HashMap<>();
        m.values().forEach(v -> values.put(v.parameter(), v.value()));
        return values;
    }
}
