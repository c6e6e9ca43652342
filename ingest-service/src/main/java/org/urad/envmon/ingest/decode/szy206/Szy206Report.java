package org.urad.envmon.ingest.decode.szy206;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * The data field of a real-time report (AFN C0H self-report, B0H query response): values of the
 * data type the control byte names, the alarm word and the terminal status word (two bytes each,
 * low byte first), then Tp. Values the terminal marks as missing (all AAH or FFH) are left out.
 *
 * <p>Data types taken: 2 water level (4 bytes, 3 decimals, m; a high nibble F in the last byte
 * makes it negative), 3 flow and volume (per meter 5 bytes flow, 3 decimals, m³/s, then 5 bytes
 * cumulative volume, m³), 5 gate position (3 bytes, 2 decimals, m). Only the first meter, gauge
 * or gate of a report is mapped; the registry has one of each per device.
 */
final class Szy206Report {

    static final int WATER_LEVEL = 2;
    static final int FLOW = 3;
    static final int GATE = 5;
    /** Alarm word, status word. */
    static final int WORDS = 4;

    /** Alarm word D5: flow meter fault; D7: water level meter fault. */
    static final int ALARM_FLOW_METER = 1 << 5;

    static final int ALARM_LEVEL_METER = 1 << 7;
    /** Status word D1..D0 = 3: the terminal is being tested or serviced. */
    static final int STATUS_SERVICE = 3;

    private Szy206Report() {}

    static int itemSize(int type) throws DecodeException {
        return switch (type) {
            case WATER_LEVEL -> 4;
            case FLOW -> 10;
            case GATE -> 3;
            default -> throw Szy206Errors.unknownFunction("data type " + type + " (control byte D3..D0)");
        };
    }

    static List<DecodedValue> values(Szy206Frame frame, Instant receivedAt) throws DecodeException {
        byte[] data = frame.data();
        int size = itemSize(frame.function());
        int valueBytes = data.length - WORDS - Szy206Time.LENGTH;
        if (valueBytes < size) {
            throw Szy206Errors.missingField("values, alarm and status words and Tp (" + data.length + " data bytes)");
        }
        if (valueBytes % size != 0) {
            throw Szy206Errors.badField(
                    "data", valueBytes + " value bytes are not a whole number of " + size + "-byte items");
        }
        int alarm = (data[valueBytes] & 0xFF) | (data[valueBytes + 1] & 0xFF) << 8;
        int status = (data[valueBytes + 2] & 0xFF) | (data[valueBytes + 3] & 0xFF) << 8;
        Instant time = Szy206Time.read(data, valueBytes + WORDS, receivedAt);
        boolean service = (status & 0x03) == STATUS_SERVICE;
        List<DecodedValue> values = new ArrayList<>(2);
        switch (frame.function()) {
            case WATER_LEVEL -> {
                if (!Szy206Bcd.absent(data, 0, 4)) {
                    values.add(value("level", time, level(data), "m", flag(alarm, ALARM_LEVEL_METER, service)));
                }
            }
            case FLOW -> {
                String flag = flag(alarm, ALARM_FLOW_METER, service);
                if (!Szy206Bcd.absent(data, 0, 5)) {
                    values.add(value("flow", time, unsignedFive(data, 0, "flow") / 1000.0, "m3/s", flag));
                }
                if (!Szy206Bcd.absent(data, 5, 5)) {
                    values.add(value("volume_total", time, unsignedFive(data, 5, "volume"), "m3", flag));
                }
            }
            default -> {
                if (!Szy206Bcd.absent(data, 0, 3)) {
                    values.add(value(
                            "gate_opening",
                            time,
                            Szy206Bcd.unsigned(data, 0, 3, "gate position") / 100.0,
                            "m",
                            flag(alarm, 0, service)));
                }
            }
        }
        return values;
    }

    /** D: the meter reports a fault; M: the terminal is being serviced; null (N) otherwise. */
    private static String flag(int alarm, int faultBit, boolean service) {
        if ((alarm & faultBit) != 0) {
            return "D";
        }
        return service ? "M" : null;
    }

    private static double level(byte[] data) throws DecodeException {
        int top = data[3] & 0xFF;
        boolean negative = (top >> 4) == 0x0F;
        byte[] digits = {data[0], data[1], data[2], (byte) (negative ? top & 0x0F : top)};
        long scaled = Szy206Bcd.unsigned(digits, 0, 4, "water level");
        return (negative ? -scaled : scaled) / 1000.0;
    }

    /** Nine BCD digits; the high nibble of the fifth byte (sign or unit in some revisions) must be 0. */
    private static long unsignedFive(byte[] data, int offset, String field) throws DecodeException {
        int top = data[offset + 4] & 0xFF;
        if ((top >> 4) != 0) {
            throw Szy206Errors.badField(
                    field,
                    String.format("high nibble of byte 5 is %X: negative or non-m³/s values are not taken", top >> 4));
        }
        return Szy206Bcd.unsigned(data, offset, 5, field);
    }

    private static DecodedValue value(String parameter, Instant time, double value, String unit, String flag) {
        return new DecodedValue(parameter, time, Period.REALTIME, Statistic.VALUE, value, unit, flag);
    }
}
