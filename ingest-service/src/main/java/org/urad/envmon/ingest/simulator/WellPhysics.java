package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.urad.envmon.ingest.registry.Well;

/**
 * An irrigation well: the pump runs 12 hours from 06:00 on rotation days in the irrigation season
 * (more days in midsummer), an hour now and then in winter; the meter totals what it pumps, sized
 * so the year's use is 60–85 % of the allocation. Control wells also report a groundwater level
 * that sinks with the season's pumping and follows a slow multi-year trend.
 */
final class WellPhysics {

    private static final int ROTATION = 1;
    private static final int USE = 2;
    private static final int METER_START = 3;
    private static final int FLOW_NOISE = 4;
    private static final int LEVEL_NOISE = 5;
    private static final int MARGIN = 6;
    private static final int TREND = 7;
    private static final int DRAWDOWN = 8;
    private static final long PUMP_START = 6 * 3600;

    /** Pumping hours a well runs in an average year, by the rotation odds below. */
    static final double EXPECTED_HOURS_PER_YEAR = expectedHours();

    private final long seed;
    private final ScriptedBreaches breaches;
    private final Map<String, CumulativeVolume> meters = new ConcurrentHashMap<>();

    WellPhysics(long seed, ScriptedBreaches breaches) {
        this.seed = seed;
        this.breaches = breaches;
    }

    List<SimulatedMessage.Value> values(Well well, Duration interval, Instant t) {
        List<SimulatedMessage.Value> values = new ArrayList<>(4);
        if (well.controlWell() && well.controlLevelM() != null) {
            values.add(new SimulatedMessage.Value("gw_level", t, Noise.round(level(well, t), 3)));
        }
        values.add(new SimulatedMessage.Value("volume_total", t, Noise.round(volume(well, interval, t), 2)));
        values.add(new SimulatedMessage.Value("flow", t, Noise.round(flow(well, t), 2)));
        if (well.deviceId().equals(breaches.overQuotaWell()) && breaches.firstRound(t, interval)) {
            Instant before = t.minus(interval);
            values.add(0, new SimulatedMessage.Value("volume_total", before, Noise.round(meter(well, before), 2)));
        }
        return values;
    }

    /** Pumping rate while the pump runs, m3/h. */
    double nominalFlow(Well well) {
        double use = 0.6 + 0.25 * Noise.uniform(seed, well.deviceId(), USE, 0);
        return use * well.annualAllocationM3() / EXPECTED_HOURS_PER_YEAR;
    }

    double pumpHours(String deviceId, long epochDay) {
        double season = Seasons.irrigation(ShanghaiTime.dayOfYear(epochDay));
        double draw = Noise.uniform(seed, deviceId, ROTATION, epochDay);
        return season > 0 ? (draw < onOdds(season) ? 12 : 0) : (draw < 0.1 ? 1 : 0);
    }

    double flow(Well well, Instant t) {
        long second = ShanghaiTime.secondOfDay(t);
        double hours = pumpHours(well.deviceId(), ShanghaiTime.epochDay(t));
        boolean running = second >= PUMP_START && second < PUMP_START + hours * 3600;
        return running
                ? nominalFlow(well) * (1 + 0.03 * Noise.signed(seed, well.deviceId(), FLOW_NOISE, t.getEpochSecond()))
                : 0;
    }

    /** The meter's reading: its running total, plus any scripted jump or reset. */
    double volume(Well well, Duration interval, Instant t) {
        double reading = meter(well, t);
        if (well.deviceId().equals(breaches.overQuotaWell()) && breaches.active(t)) {
            reading += ScriptedBreaches.QUOTA_EXCESS_SHARE * well.annualAllocationM3();
        }
        Instant reset = breaches.meterResetAt(well.deviceId(), interval);
        if (reset != null && !t.isBefore(reset)) {
            reading -= meter(well, reset);
        }
        return reading;
    }

    /** The meter's running total without scripted events, m3. */
    double meter(Well well, Instant t) {
        String id = well.deviceId();
        double q = nominalFlow(well);
        CumulativeVolume total = meters.computeIfAbsent(id, k -> new CumulativeVolume(day -> q * pumpHours(id, day)));
        long day = ShanghaiTime.epochDay(t);
        double today = Noise.clamp(ShanghaiTime.secondOfDay(t) - PUMP_START, 0, pumpHours(id, day) * 3600) / 3600;
        return 1000 + 50_000 * Noise.uniform(seed, id, METER_START, 0) + total.before(day) + q * today;
    }

    /** Groundwater level, m a.s.l. Normally 1–3 m clear of the control level at the season's deepest. */
    double level(Well well, Instant t) {
        String id = well.deviceId();
        double noise = 0.03 * Noise.signed(seed, id, LEVEL_NOISE, t.getEpochSecond());
        if (id.equals(breaches.belowControlWell()) && breaches.active(t)) {
            return well.controlLevelM() - ScriptedBreaches.DEPTH_BELOW_CONTROL_M + noise;
        }
        double trend = -0.2 * Noise.uniform(seed, id, TREND, 0);
        double drawdown = 1.5 + 2.5 * Noise.uniform(seed, id, DRAWDOWN, 0);
        double base = well.controlLevelM() + drawdown + 0.5 + 1 + 2 * Noise.uniform(seed, id, MARGIN, 0) - 10 * trend;
        double years = Noise.clamp(ShanghaiTime.yearsSince(t, 2020), 0, 10);
        double pumping = flow(well, t) > 0 ? 0.4 : 0;
        return base + trend * years - drawdown * Seasons.drawdown(ShanghaiTime.dayOfYear(t)) - pumping + noise;
    }

    private static double onOdds(double season) {
        return 0.35 + 0.5 * season;
    }

    private static double expectedHours() {
        double hours = 0;
        for (int day = 1; day <= 365; day++) {
            double season = Seasons.irrigation(day);
            hours += season > 0 ? 12 * onOdds(season) : 0.1;
        }
        return hours;
    }
}
