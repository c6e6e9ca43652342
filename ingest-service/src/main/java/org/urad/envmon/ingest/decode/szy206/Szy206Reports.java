package org.urad.envmon.ingest.decode.szy206;

import java.time.Instant;
import java.util.HexFormat;

/**
 * Writes the self-reports (AFN C0H) a terminal sends, the inverse of what {@link Szy206Report} reads: used
 * by the simulator, so that the frames it sends carry a real CRC. Values are written as the standard has
 * them: flow in m³/s with three decimals, cumulative volume in whole m³, both nine BCD digits.
 */
public final class Szy206Reports {

    /** Control byte of a flow report: going up, FCB 3, data type 3 (flow and volume). */
    private static final int FLOW_CONTROL = Szy206Frame.DIR_UP | 0x30 | Szy206Report.FLOW;

    /** Alarm word D5: the flow meter reports a fault (the decoder flags its values D). */
    public static final int ALARM_FLOW_METER = Szy206Report.ALARM_FLOW_METER;

    private Szy206Reports() {}

    /**
     * A C0H flow and volume report.
     *
     * @param address the terminal's address as ten hex digits (as the registry holds it)
     * @param flow instantaneous flow, m³/s, 0..999999.999
     * @param volume cumulative volume, m³, 0..999999999 (rounded to whole m³)
     * @param alarm the alarm word
     * @param status the terminal status word
     * @param time the time label Tp (second to day; the delay is written as {@code delayMinutes})
     */
    public static Szy206Frame flow(
            String address, double flow, double volume, int alarm, int status, Instant time, int delayMinutes) {
        byte[] data = new byte[10 + Szy206Report.WORDS + Szy206Time.LENGTH];
        Szy206Bcd.write(Math.round(flow * 1000), data, 0, 5);
        Szy206Bcd.write(Math.round(volume), data, 5, 5);
        data[10] = (byte) alarm;
        data[11] = (byte) (alarm >> 8);
        data[12] = (byte) status;
        data[13] = (byte) (status >> 8);
        Szy206Time.write(time, delayMinutes, data, 10 + Szy206Report.WORDS);
        return new Szy206Frame(
                FLOW_CONTROL, null, HexFormat.of().parseHex(address), Szy206Replies.AFN_SELF_REPORT, data);
    }
}
