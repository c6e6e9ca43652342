package org.urad.envmon.ingest.decode.sl651;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.decode.TerminalClaim;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * Decodes one SL 651-2014 frame from a telemetry station (HEX/BCD or ASCII) into a {@link
 * DecodedMessage} naming the station address. Reports 32H (timed), 33H (added) and 34H (hourly)
 * give values and carry their confirmation (ending EOT) as the reply; 37H (answer to a real-time
 * query) gives values without a reply; 30H (test report) is confirmed but its values are not
 * stored (§6.6.4.3 sends them to a test database); 2FH (link keep-alive) has neither.
 *
 * <p>Elements mapped: water level 39H Z, 3BH ZU, 3CH Z1 (the best present, in that
 * order) → {@code level};
 * groundwater depth 0EH H → {@code gw_depth}; flow 27H Q, 28H Q1, 30H QA, 31H QZ (the best present,
 * in that order) → {@code flow} in m³/s; gate opening 09H GH → {@code gate_opening} (444, "fully
 * closed", is 0 m; 888 and 999 are not heights and are left out). The status word 45H ZT flags
 * flows D when BIT5 (flow meter fault) is set, levels and depths when BIT6 (level meter fault) is.
 */
public final class Sl651Decoder implements PayloadDecoder {

    public static final String FORMAT = "sl651";

    static final int KEEP_ALIVE = 0x2F;
    static final int TEST = 0x30;
    static final int TIMED = 0x32;
    static final int ADDED = 0x33;
    static final int HOURLY = 0x34;
    static final int REALTIME_ANSWER = 0x37;

    private static final long FLOW_METER_FAULT = 1 << 5;
    private static final long LEVEL_METER_FAULT = 1 << 6;

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public DecodedMessage decode(byte[] payload) throws DecodeException {
        return toMessage(Sl651Codec.decode(payload));
    }

    public DecodedMessage toMessage(Sl651Frame frame) throws DecodeException {
        if (!frame.up()) {
            throw Sl651Errors.badField("direction", "a frame going to a station, not from one");
        }
        List<DecodedValue> values = List.of();
        boolean confirm = true;
        switch (frame.function()) {
            case KEEP_ALIVE -> confirm = false;
            case TEST -> elements(frame);
            case TIMED, ADDED, HOURLY -> values = values(elements(frame));
            case REALTIME_ANSWER -> {
                values = values(elements(frame));
                confirm = false;
            }
            default -> throw Sl651Errors.unknownFunction(String.format("function code %02XH", frame.function()));
        }
        byte[] reply = confirm ? Sl651Codec.encode(Sl651Replies.confirm(frame, Sl651Frame.EOT)) : null;
        return new DecodedMessage(
                null, false, null, null, values, List.of(), confirm, reply, new TerminalClaim(FORMAT, frame.station()));
    }

    private static List<Sl651Body.Element> elements(Sl651Frame frame) throws DecodeException {
        return frame.ascii()
                ? Sl651Body.ascii(frame.body(), frame.station())
                : Sl651Body.hex(frame.body(), frame.station());
    }

    /** Per parameter, the identifiers that give it, best first. */
    private static final Map<String, List<Integer>> SOURCES = Map.of(
            "level", List.of(0x39, 0x3B, 0x3C),
            "gw_depth", List.of(0x0E),
            "flow", List.of(0x27, 0x28, 0x30, 0x31),
            "gate_opening", List.of(0x09));

    static List<DecodedValue> values(List<Sl651Body.Element> elements) throws DecodeException {
        long status = elements.stream()
                .filter(e -> e.guide() == 0x45)
                .mapToLong(Sl651Body.Element::raw)
                .reduce(0, (a, b) -> a | b);
        List<DecodedValue> values = new ArrayList<>();
        for (String parameter : List.of("level", "gw_depth", "flow", "gate_opening")) {
            Sl651Body.Element best = best(elements, SOURCES.get(parameter));
            if (best == null) {
                continue;
            }
            Double value = parameter.equals("gate_opening") ? gateOpening(best.value()) : best.value();
            if (value == null) {
                continue;
            }
            if (best.time() == null) {
                throw Sl651Errors.missingField(
                        String.format("observation time (F0H/TT) before element %02XH", best.guide()));
            }
            long fault = parameter.equals("flow") ? FLOW_METER_FAULT : LEVEL_METER_FAULT;
            String flag = (status & fault) != 0 && !parameter.equals("gate_opening") ? "D" : null;
            values.add(new DecodedValue(
                    parameter, best.time(), Period.REALTIME, Statistic.VALUE, value, unit(parameter), flag));
        }
        return values;
    }

    /** The element with a value from the best-ranked identifier, the first of them if it repeats. */
    private static Sl651Body.Element best(List<Sl651Body.Element> elements, List<Integer> ranked) {
        Sl651Body.Element best = null;
        for (Sl651Body.Element e : elements) {
            int rank = ranked.indexOf(e.guide());
            if (rank >= 0 && e.value() != null && (best == null || rank < ranked.indexOf(best.guide()))) {
                best = e;
            }
        }
        return best;
    }

    private static String unit(String parameter) {
        return parameter.equals("flow") ? "m3/s" : "m";
    }

    /** E.4.2.3: 444 fully closed (0 m); 888 lifted out of the water and 999 fully open are no height. */
    private static Double gateOpening(double value) {
        if (value == 444) {
            return 0.0;
        }
        return value == 888 || value == 999 ? null : value;
    }
}
