package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.MonitorParameter;

/**
 * Daily automatic zero and span checks of a CEMS's analysers at 02:00 local time: zero gas reads
 * within ±0.3 % of full scale, span gas (80 % of full scale) within ±1 % of its value. Each result
 * is reported with the first message after it. The scripted drift reports span 50 against 100.
 */
final class CalibrationSchedule {

    static final List<String> ANALYSERS = List.of("a21026", "a21002", "a34013", "a19001");
    static final long CALIBRATION_SECOND = 2 * 3600;
    static final double SPAN_SHARE = 0.8;
    /** Largest deviation, as a share of full scale, a monitor judges a pass (HJ 75). */
    static final double PASS_SHARE = 0.025;

    private static final int ZERO = 31;
    private static final int SPAN = 32;

    private final long seed;
    private final MonitorPhysics monitors;
    private final ScriptedBreaches breaches;

    CalibrationSchedule(long seed, MonitorPhysics monitors, ScriptedBreaches breaches) {
        this.seed = seed;
        this.monitors = monitors;
        this.breaches = breaches;
    }

    /** Calibrations done in (t − interval, t]. */
    List<Calibration> due(Device cems, Duration interval, Instant t) {
        List<Calibration> results = new ArrayList<>();
        boolean drifting = cems.id().equals(breaches.calibrationDriftMonitor());
        if (drifting && breaches.firstRound(t, interval)) {
            results.add(drift(cems, t));
        }
        Instant from = t.minus(interval);
        for (long day = ShanghaiTime.epochDay(from); day <= ShanghaiTime.epochDay(t); day++) {
            Instant at = ShanghaiTime.startOfDay(day).plusSeconds(CALIBRATION_SECOND);
            if (at.isAfter(from) && !at.isAfter(t)) {
                for (MonitorParameter p : monitors.measured(cems)) {
                    if (ANALYSERS.contains(p.parameter())) {
                        results.add(zero(cems, p, at));
                        results.add(
                                drifting
                                                && breaches.active(at)
                                                && p.parameter().equals(ScriptedBreaches.DRIFT_PARAMETER)
                                        ? drift(cems, at)
                                        : span(cems, p, at));
                    }
                }
            }
        }
        return results.stream().distinct().toList();
    }

    private Calibration zero(Device cems, MonitorParameter p, Instant at) {
        double fullScale = p.rangeMax();
        double measured = 0.003 * fullScale * Noise.signed(seed, cems.id() + p.parameter(), ZERO, at.getEpochSecond());
        return calibration(cems, p.parameter(), CalibrationKind.ZERO, at, 0, Noise.round(measured, 3), fullScale);
    }

    private Calibration span(Device cems, MonitorParameter p, Instant at) {
        double fullScale = p.rangeMax();
        double reference = Noise.round(SPAN_SHARE * fullScale, 1);
        double error = 0.01 * Noise.signed(seed, cems.id() + p.parameter(), SPAN, at.getEpochSecond());
        return calibration(
                cems,
                p.parameter(),
                CalibrationKind.SPAN,
                at,
                reference,
                Noise.round(reference * (1 + error), 3),
                fullScale);
    }

    private Calibration drift(Device cems, Instant at) {
        String parameter = ScriptedBreaches.DRIFT_PARAMETER;
        double fullScale = monitors.parameter(
                        cems.id(), MonitorPhysics.PARAMETERS.get(Family.CEMS).get(0))
                .rangeMax();
        return calibration(
                cems,
                parameter,
                CalibrationKind.SPAN,
                at,
                ScriptedBreaches.DRIFT_REFERENCE,
                ScriptedBreaches.DRIFT_MEASURED,
                fullScale);
    }

    private static Calibration calibration(
            Device cems,
            String parameter,
            CalibrationKind kind,
            Instant at,
            double reference,
            double measured,
            double fullScale) {
        boolean pass = Math.abs(measured - reference) <= PASS_SHARE * fullScale;
        return new Calibration(Family.CEMS, cems.id(), parameter, kind, at, reference, measured, fullScale, pass);
    }
}
