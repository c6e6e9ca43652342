package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * Turns the CP items of a data frame (CN 2011, 2051, 2061, 2031) into values.
 *
 * <p>Each {@code <code>-<suffix>=<number>} with a statistic suffix becomes one value, timed by the
 * {@code DataTime} before it (an item may carry its own {@code DataTime}, as packets of an assembled
 * message do) and flagged by the same item's {@code <code>-Flag} (N when absent). Real-time frames
 * accept {@code -Rtd}, {@code -ZsRtd} and {@code -Cou}; minute, hourly and daily frames accept
 * {@code -Avg}, {@code -Min}, {@code -Max}, {@code -Cou} and the {@code Zs} variants. A statistic
 * suffix of the other kind is a {@code BAD_FIELD}. Other suffixes ({@code -EFlag}, {@code
 * -SampleTime}, {@code -Ala}, …) and other keys are ignored.
 */
final class Hj212Values {

    private static final Map<String, Statistic> REALTIME =
            Map.of("Rtd", Statistic.VALUE, "ZsRtd", Statistic.ZS_VALUE, "Cou", Statistic.COU);
    private static final Map<String, Statistic> PERIODIC = Map.of(
            "Avg", Statistic.AVG,
            "Min", Statistic.MIN,
            "Max", Statistic.MAX,
            "Cou", Statistic.COU,
            "ZsAvg", Statistic.ZS_AVG,
            "ZsMin", Statistic.ZS_MIN,
            "ZsMax", Statistic.ZS_MAX);
    static final String DATA_TIME = "DataTime";
    private static final String FLAG = "Flag";
    private static final String NORMAL = "N";

    private Hj212Values() {}

    static List<DecodedValue> of(Hj212Frame frame, Period period) throws DecodeException {
        Map<String, Statistic> accepted = period == Period.REALTIME ? REALTIME : PERIODIC;
        Map<String, Statistic> misplaced = period == Period.REALTIME ? PERIODIC : REALTIME;
        List<DecodedValue> values = new ArrayList<>();
        Instant time = null;
        for (List<Hj212Field> item : frame.cp()) {
            Hj212Field itemTime = first(item, DATA_TIME);
            if (itemTime != null) {
                time = Hj212Time.parse(DATA_TIME, itemTime.value());
            }
            for (Hj212Field field : item) {
                String suffix = field.suffix();
                Statistic statistic = accepted.get(suffix);
                if (statistic == null) {
                    if (misplaced.containsKey(suffix)) {
                        throw Hj212Errors.badField(field.key(), field.value(), "not a statistic of CN=" + frame.cn());
                    }
                    continue;
                }
                String code = field.code();
                if (code.isEmpty()) {
                    throw Hj212Errors.badField(field.key(), field.value(), "no parameter code");
                }
                if (time == null) {
                    throw Hj212Errors.missingDataTime(frame.cn());
                }
                double value = Hj212Numbers.parse(field);
                values.add(new DecodedValue(code, time, period, statistic, value, null, flag(item, code)));
            }
        }
        if (time == null) {
            throw Hj212Errors.missingDataTime(frame.cn());
        }
        return values;
    }

    private static Hj212Field first(List<Hj212Field> item, String key) {
        for (Hj212Field field : item) {
            if (field.key().equals(key)) {
                return field;
            }
        }
        return null;
    }

    /** The value of the item's first {@code <code>-Flag}, or N. Items hold a handful of fields. */
    private static String flag(List<Hj212Field> item, String code) {
        for (Hj212Field field : item) {
            String key = field.key();
            if (key.length() == code.length() + 1 + FLAG.length()
                    && key.startsWith(code)
                    && key.charAt(code.length()) == '-'
                    && key.endsWith(FLAG)) {
                return field.value();
            }
        }
        return NORMAL;
    }
}
