package org.urad.envmon.ingest.inbound.tcp;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.urad.envmon.ingest.decode.hj212.Hj212Field;

/**
 * A command an operator sends a logger through the admin API, checked before it is framed: set the
 * real-time data interval (1062, {@code RtdInterval}, seconds, 30 to 3600), set the minute-data interval
 * (1064, {@code MinInterval}, minutes, a divisor of 60 from 1 to 30), zero/span calibration (3011) or sample
 * retention (3015, monitors with an auto-sampler only) of one registered parameter ({@code PolId}). Pure: no I/O.
 *
 * @param fields the CP fields, in the order they are sent
 */
public record OperatorCommand(String cn, List<Hj212Field> fields) {

    public static final String SET_RTD_INTERVAL = "1062";
    public static final String SET_MIN_INTERVAL = "1064";
    public static final String CALIBRATE = "3011";
    public static final String RETAIN_SAMPLE = "3015";

    static final int RTD_MIN_SECONDS = 30;
    static final int RTD_MAX_SECONDS = 3600;
    /** Minute-data intervals a logger can keep aligned to the hour. */
    static final Set<Integer> MIN_INTERVALS = Set.of(1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30);

    /** A request that cannot become a command; its message says why (shown to the operator). */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    /**
     * @param body the request: {@code cn} and the command's field
     * @param registered whether a PolId is a parameter registered for the monitor
     * @param hasAutoSampler whether the monitor has an auto-sampler (3015 is refused otherwise)
     * @throws Invalid when the CN is not one of these, or its field is missing or out of range
     */
    public static OperatorCommand of(Map<String, ?> body, Predicate<String> registered, boolean hasAutoSampler) {
        Object cn = body.get("cn");
        if (cn == null) {
            throw new Invalid("cn is required: 1062, 1064, 3011 or 3015");
        }
        return switch (cn.toString()) {
            case SET_RTD_INTERVAL -> {
                int seconds = integer(body, "RtdInterval");
                if (seconds < RTD_MIN_SECONDS || seconds > RTD_MAX_SECONDS) {
                    throw new Invalid("RtdInterval must be " + RTD_MIN_SECONDS + " to " + RTD_MAX_SECONDS
                            + " seconds, not " + seconds);
                }
                yield new OperatorCommand(SET_RTD_INTERVAL, List.of(new Hj212Field("RtdInterval", "" + seconds)));
            }
            case SET_MIN_INTERVAL -> {
                int minutes = integer(body, "MinInterval");
                if (!MIN_INTERVALS.contains(minutes)) {
                    throw new Invalid(
                            "MinInterval must be one of 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 minutes, not " + minutes);
                }
                yield new OperatorCommand(SET_MIN_INTERVAL, List.of(new Hj212Field("MinInterval", "" + minutes)));
            }
            case CALIBRATE, RETAIN_SAMPLE -> {
                if (RETAIN_SAMPLE.equals(cn.toString()) && !hasAutoSampler) {
                    throw new Invalid("this monitor has no auto-sampler: 3015 (sample retention) does not apply");
                }
                Object polId = body.get("PolId");
                if (polId == null || polId.toString().isBlank()) {
                    throw new Invalid("PolId is required for " + cn);
                }
                if (!registered.test(polId.toString())) {
                    throw new Invalid("PolId " + polId + " is not a parameter registered for this monitor");
                }
                yield new OperatorCommand(cn.toString(), List.of(new Hj212Field("PolId", polId.toString())));
            }
            default -> throw new Invalid("cn " + cn + " is not an operator command: 1062, 1064, 3011 or 3015");
        };
    }

    private static int integer(Map<String, ?> body, String field) {
        Object value = body.get(field);
        if (value instanceof Integer n) {
            return n;
        }
        if (value instanceof String text && text.matches("[0-9]{1,9}")) {
            return Integer.parseInt(text);
        }
        throw new Invalid(field + " is required, a whole number");
    }

    /** How the command is described in the command log: its fields, {@code key=value, …}. */
    public String summary() {
        return String.join(
                ", ", fields.stream().map(f -> f.key() + "=" + f.value()).toList());
    }
}
