package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
            Optional<Hj212Field> itemTime =
                    item.stream().filter(f -> f.key().equals(DATA_TIME)).findFirst();
            if (itemTime.isPresent()) {
                time = Hj212Time.parse(DATA_TIME, itemTime.get().value());
            }
            Map<String, String> flags = flags(item);
            for (Hj212Field field : item) {
                Statistic statistic = accepted.get(field.suffix());
                if (statistic == null) {
                    if (misplaced.containsKey(field.suffix())) {
                        throw Hj212Errors.badField(field.key(), field.value(), "not a statistic of CN=" + frame.cn());
                    }
                    continue;
                }
                if (field.code().isEmpty()) {
                    throw Hj212Errors.badField(field.key(), field.value(), "no parameter code");
                }
                if (time == null) {
                    throw Hj212Errors.missingDataTime(frame.cn());
                }
                double value = Hj212Numbers.parse(field);
                String flag = flags.getOrDefault(field.code(), NORMAL);
                values.add(new DecodedValue(field.code(), time, period, statistic, value, null, flag));
            }
        }
        if (time == null) {
            throw Hj212Errors.missingDataTime(frame.cn());
        }
        return values;
    }

    private static Map<String, String> flags(List<Hj212Field> item) {
        Map<String, String> flags = new HashMap<>();
        for (Hj212Field field : item) {
            if (field.suffix().equals(FLAG)) {
                flags.putIfAbsent(field.code(), field.value());
            }
        }
        return flags;
    }
}
