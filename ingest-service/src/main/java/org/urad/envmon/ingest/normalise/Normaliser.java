package org.urad.envmon.ingest.normalise;

import static org.urad.envmon.ingest.reading.RejectReason.BAD_FLAG;
import static org.urad.envmon.ingest.reading.RejectReason.BAD_UNIT;
import static org.urad.envmon.ingest.reading.RejectReason.IMPOSSIBLE_VALUE;
import static org.urad.envmon.ingest.reading.RejectReason.MALFORMED_PAYLOAD;
import static org.urad.envmon.ingest.reading.RejectReason.TIME_IN_FUTURE;
import static org.urad.envmon.ingest.reading.RejectReason.TIME_TOO_OLD;
import static org.urad.envmon.ingest.reading.RejectReason.WRONG_FAMILY;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedStatus;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.MonitorStatus;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.reading.SenderText;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.Registry;

/**
 * Checks a decoded message against the registry and turns it into storable readings: who sent it
 * ({@link SenderCheck}), which parameters, units converted to canonical, flags, possible values,
 * plausible times. Pure: the registry and the clock are passed in.
 */
public final class Normaliser {

    private final NormaliseSettings settings;

    public Normaliser(NormaliseSettings settings) {
        this.settings = settings;
    }

    public Outcome normalise(
            RawMessage raw, Topic topic, String format, DecodedMessage msg, Registry registry, Instant now) {
        var sender = SenderCheck.check(topic, msg, registry);
        if (!sender.passed()) {
            return Outcome.rejected(raw, format, topic.deviceId(), sender.rejection());
        }
        return normalise(raw, format, msg, sender.device(), registry, now);
    }

    /** Normalises a message whose sender already passed {@link SenderCheck#check}. */
    public Outcome normalise(
            RawMessage raw, String format, DecodedMessage msg, Device device, Registry registry, Instant now) {
        var parameters = new ParameterResolver(registry, device);
        Duration maxAge = maxAge(raw);
        var times = new TimeBounds(now, now.plus(settings.maxFutureSkew()), maxAge == null ? null : now.minus(maxAge));
        List<Rejection> rejections = new ArrayList<>();
        List<Reading> readings = new ArrayList<>(msg.values().size());
        for (int i = 0; i < msg.values().size(); i++) {
            DecodedValue v = msg.values().get(i);
            try {
                readings.add(reading(device, v, parameters, msg.sequence(), times));
            } catch (RejectedValue e) {
                rejections.add(rejection("value", i, v.parameter(), e));
            }
        }
        List<Calibration> calibrations = new ArrayList<>(msg.calibrations().size());
        for (int i = 0; i < msg.calibrations().size(); i++) {
            DecodedCalibration c = msg.calibrations().get(i);
            try {
                calibrations.add(calibration(device, c, parameters, times));
            } catch (RejectedValue e) {
                rejections.add(rejection("calibration", i, c.parameter(), e));
            }
        }
        List<MonitorStatus> statuses = new ArrayList<>(msg.statuses().size());
        for (int i = 0; i < msg.statuses().size(); i++) {
            DecodedStatus st = msg.statuses().get(i);
            try {
                statuses.add(status(device, st, times));
            } catch (RejectedValue e) {
                rejections.add(rejection("status item", i, st.code(), e));
            }
        }
        return new Outcome(raw, format, device.id(), readings, calibrations, rejections, statuses);
    }

    /** Longest status value kept; longer ones are cut (an information value is a number, a time or a word). */
    private static final int MAX_STATUS_TEXT = 64;

    private MonitorStatus status(Device device, DecodedStatus st, TimeBounds times) throws RejectedValue {
        if (!device.family().isMonitor()) {
            throw new RejectedValue(WRONG_FAMILY, "status items are accepted from online monitors only");
        }
        checkTime(st.time(), times);
        return new MonitorStatus(
                device.family(),
                device.id(),
                SenderText.clean(st.subject(), MAX_STATUS_TEXT),
                SenderText.clean(st.code(), MAX_STATUS_TEXT),
                st.time(),
                SenderText.clean(st.value(), MAX_STATUS_TEXT));
    }

    /** The service clock at receipt and the plausible range of value times around it ({@code earliest} null: no limit). */
    private record TimeBounds(Instant now, Instant latest, Instant earliest) {}

    /** Which value was refused and why; built only for refused values. */
    private static Rejection rejection(String what, int index, String parameter, RejectedValue e) {
        return Rejection.of(
                e.rejection.reason(), what + " " + (index + 1) + " (" + parameter + "): " + e.rejection.detail());
    }

    private Reading reading(Device device, DecodedValue v, ParameterResolver parameters, Long seq, TimeBounds times)
            throws RejectedValue {
        ParameterSpec spec = parameters.resolve(v.parameter());
        double value = canonical(v.value(), v.unit(), spec);
        checkPossible(value, spec);
        checkTime(v.time(), times);
        DataFlag flag = v.flag() == null
                ? DataFlag.N
                : DataFlag.parse(v.flag())
                        .orElseThrow(() ->
                                new RejectedValue(BAD_FLAG, "data flag '" + v.flag() + "' is not an HJ 212 flag"));
        return new Reading(
                device.family(),
                device.id(),
                spec.code(),
                v.time(),
                v.period(),
                v.statistic(),
                value,
                flag,
                flag.isValid(settings.manualValuesValid()),
                seq);
    }

    private Calibration calibration(Device device, DecodedCalibration c, ParameterResolver parameters, TimeBounds times)
            throws RejectedValue {
        if (!device.family().isMonitor()) {
            throw new RejectedValue(WRONG_FAMILY, "calibration results are accepted from online monitors only");
        }
        ParameterSpec spec = parameters.resolve(c.parameter());
        CalibrationKind kind = CalibrationKind.fromCode(c.kind())
                .orElseThrow(() -> new RejectedValue(MALFORMED_PAYLOAD, "calibration kind '" + c.kind() + "' unknown"));
        checkTime(c.time(), times);
        double reference = canonical(c.reference(), c.unit(), spec);
        double measured = canonical(c.measured(), c.unit(), spec);
        Double fullScale = c.fullScale() == null ? null : canonical(c.fullScale(), c.unit(), spec);
        return new Calibration(
                device.family(),
                device.id(),
                spec.code(),
                kind,
                c.time(),
                reference,
                measured,
                fullScale,
                c.reportedPass());
    }

    private static double canonical(double value, String unit, ParameterSpec spec) throws RejectedValue {
        OptionalDouble converted = Units.convert(value, unit, spec.unit());
        if (converted.isEmpty()) {
            throw new RejectedValue(
                    BAD_UNIT, "unit '" + unit + "' cannot be converted to " + spec.code() + "'s unit " + spec.unit());
        }
        return converted.getAsDouble();
    }

    private static void checkPossible(double value, ParameterSpec spec) throws RejectedValue {
        if ((spec.minPossible() != null && value < spec.minPossible())
                || (spec.maxPossible() != null && value > spec.maxPossible())) {
            throw new RejectedValue(
                    IMPOSSIBLE_VALUE,
                    "%s %s is outside the possible range [%s, %s]"
                            .formatted(value, spec.unit(), spec.minPossible(), spec.maxPossible()));
        }
    }

    /**
     * The live max-age, or the recovery horizon for history the service asked for, whichever is longer.
     * Imported rows have no raw message (and no age limit in their settings).
     */
    private Duration maxAge(RawMessage raw) {
        Duration live = settings.maxAge();
        Duration history = raw == null ? null : raw.historyHorizon();
        return live == null || history == null || history.compareTo(live) <= 0 ? live : history;
    }

    private void checkTime(Instant time, TimeBounds times) throws RejectedValue {
        if (time.isAfter(times.latest())) {
            throw new RejectedValue(TIME_IN_FUTURE, "time " + time + " is ahead of the service clock " + times.now());
        }
        if (times.earliest() != null && time.isBefore(times.earliest())) {
            throw new RejectedValue(
                    TIME_TOO_OLD, "time " + time + " is older than " + Duration.between(times.earliest(), times.now()));
        }
    }
}
