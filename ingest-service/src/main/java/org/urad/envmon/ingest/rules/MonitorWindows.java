package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.urad.envmon.ingest.reading.Family;

/**
 * The monitor rules over one window: CEMS_EMISSION_LIMIT per clock hour, WQ_DISCHARGE_LIMIT and
 * WQ_FAULT_FREQUENCY per local day, WQ_TRANSMISSION_RATE per local day and month. A provisional
 * window is the open hour or day judged on its data so far: only its findings count, marked
 * {@code provisional} in the evidence; the closed window is judged again.
 */
public final class MonitorWindows {

    private final MonitorData data;
    private final Supplier<RuleSet> rules;
    private final ZoneId zone;

    MonitorWindows(MonitorData data, Supplier<RuleSet> rules, ZoneId zone) {
        this.data = data;
        this.rules = rules;
        this.zone = zone;
    }

    /** The monitor windows reading the database through {@code jdbc} (the window scheduler builds its own). */
    public static MonitorWindows of(
            org.springframework.jdbc.core.JdbcTemplate jdbc, Supplier<RuleSet> rules, ZoneId zone) {
        return new MonitorWindows(new MonitorData(jdbc), rules, zone);
    }

    /**
     * The hour starting at {@code start}; provisional (open) when {@code now} is before its end. The
     * hour, its coverage and its mean at the limit's reference O2 are those of the valid-hour
     * definition ({@code cems_valid_hours}, V24); an open hour needs the same share of its elapsed
     * minutes.
     */
    public List<RuleRunner.Judged> cemsHour(Instant start, Instant now) {
        Instant end = WindowGroup.CEMS_HOUR.end(start, zone);
        boolean provisional = now.isBefore(end);
        Double minMinutes =
                provisional ? (double) Coverage.provisionalMinutes(data.validHourMinutes(), start, now) : null;
        var hours = data.validHours(start, end, minMinutes);
        var marks = data.marks(start, end);
        RuleSet set = rules.get();
        List<RuleRunner.Judged> out = new ArrayList<>();
        for (MonitorData.Monitored m : data.monitored(Family.CEMS)) {
            MonitorData.ValidHour h = hours.getOrDefault(m.deviceId(), Map.of()).get(m.mp().parameter());
            if (h == null || m.mp().limitValue() == null) {
                continue;
            }
            RuleParams p = set.params(Rule.CEMS_EMISSION_LIMIT, m.deviceId(), m.enterprise());
            MonitorRules.hourlyEmission(device(m), m.mp(), start, h, p)
                    .map(x -> marked(x, provisional, now, withMarks(Map.of(), marks, m)))
                    .filter(x -> !provisional || x.isFinding())
                    .ifPresent(x -> out.add(new RuleRunner.Judged(x, p)));
        }
        return out;
    }

    /** Discharge limits (and, for a closed day, fault share and transmission rate) of one local day. */
    public List<RuleRunner.Judged> waterDay(Instant start, Instant now) {
        Instant end = WindowGroup.WQ_DAY.end(start, zone);
        boolean provisional = now.isBefore(end);
        var faults = data.faultShare(start, end);
        var means = data.wqDailyMeans(start, end);
        var marks = data.marks(start, end);
        RuleSet set = rules.get();
        List<RuleRunner.Judged> out = new ArrayList<>();
        Map<String, MonitorData.Monitored> monitors = new LinkedHashMap<>();
        for (MonitorData.Monitored m : data.monitored(Family.WATER_QUALITY)) {
            monitors.putIfAbsent(m.deviceId(), m);
            Map<String, Double> dayMeans = means.getOrDefault(m.deviceId(), Map.of());
            Double mean = dayMeans.get(m.mp().parameter());
            if (mean == null) {
                continue;
            }
            Double temperature = dayMeans.get(MonitorRules.WATER_TEMPERATURE);
            RuleParams p = set.params(Rule.WQ_DISCHARGE_LIMIT, m.deviceId(), m.enterprise());
            MonitorRules.dailyDischarge(device(m), m.mp(), start, end, mean, temperature, p)
                    .map(x -> marked(x, provisional, now, withMarks(Map.of(), marks, m)))
                    .filter(x -> !provisional || x.isFinding())
                    .ifPresent(x -> out.add(new RuleRunner.Judged(x, p)));
        }
        if (provisional) {
            return out;
        }
        for (MonitorData.Monitored m : monitors.values()) {
            MonitorData.FaultCount f = faults.getOrDefault(m.deviceId(), new MonitorData.FaultCount(0, 0));
            RuleParams p = set.params(Rule.WQ_FAULT_FREQUENCY, m.deviceId(), m.enterprise());
            MonitorRules.faultShare(device(m), start, end, f.values(), f.faulty(), p)
                    .ifPresent(x -> out.add(new RuleRunner.Judged(x, p)));
        }
        out.addAll(transmission("day", start, end, monitors.values()));
        return out;
    }

    /** The transmission rate of one closed local month. */
    List<RuleRunner.Judged> waterMonth(Instant start) {
        Map<String, MonitorData.Monitored> monitors = new LinkedHashMap<>();
        data.monitored(Family.WATER_QUALITY).forEach(m -> monitors.putIfAbsent(m.deviceId(), m));
        return transmission("month", start, WindowGroup.WQ_MONTH.end(start, zone), monitors.values());
    }

    /** The rates of transmission_rate (V25); a monitor without data up to the window's end is DEVICE_SILENT's. */
    private List<RuleRunner.Judged> transmission(
            String scope, Instant start, Instant end, Iterable<MonitorData.Monitored> monitors) {
        var rates = data.transmission(start, end);
        var marks = data.marks(start, end);
        RuleSet set = rules.get();
        List<RuleRunner.Judged> out = new ArrayList<>();
        for (MonitorData.Monitored m : monitors) {
            MonitorData.Transmission t = rates.get(m.deviceId());
            if (t == null) {
                continue;
            }
            List<MonitorData.Mark> deviceMarks = marks.getOrDefault(m.deviceId(), List.of()).stream()
                    .filter(k -> k.parameter() == null)
                    .toList();
            RuleParams p = set.params(Rule.WQ_TRANSMISSION_RATE, m.deviceId(), m.enterprise());
            MonitorRules.transmission(device(m), scope, start, end, t, p)
                    .map(x -> deviceMarks.isEmpty()
                            ? x
                            : x.withEvidence(withMarks(x.evidence(), Map.of(m.deviceId(), deviceMarks), m)))
                    .ifPresent(x -> out.add(new RuleRunner.Judged(x, p)));
        }
        return out;
    }

    private static Subject device(MonitorData.Monitored m) {
        return Subject.of(Subject.Kind.DEVICE, m.deviceId(), m.name());
    }

    static RuleParams with(RuleParams p, String name, double value) {
        Map<String, Double> values = new HashMap<>(p.values());
        values.put(name, value);
        return new RuleParams(p.rule(), p.enabled(), Map.copyOf(values));
    }

    /**
     * {@code evidence} plus, when accepted data marks covered part of the window for this monitor and
     * parameter, {@code marks}: the marks the figure left out, as {@code mark_id/version kind}.
     */
    static Map<String, Object> withMarks(
            Map<String, Object> evidence, Map<String, List<MonitorData.Mark>> marks, MonitorData.Monitored m) {
        List<String> used = marks.getOrDefault(m.deviceId(), List.of()).stream()
                .filter(k -> k.covers(m.mp().parameter()) || k.parameter() == null)
                .map(k -> k.markId() + "/" + k.version() + " " + k.kind())
                .toList();
        if (used.isEmpty()) {
            return evidence;
        }
        Map<String, Object> out = new HashMap<>(evidence);
        out.put("marks", used);
        return out;
    }

    /** The verdict with {@code provisional} (and, when provisional, {@code as_of}) in its evidence. */
    static Verdict marked(Verdict v, boolean provisional, Instant now, Map<String, Object> extra) {
        Map<String, Object> evidence = new HashMap<>(v.evidence());
        evidence.putAll(extra);
        evidence.put("provisional", provisional);
        if (provisional) {
            evidence.put("as_of", now.toString());
        }
        return v.withEvidence(evidence);
    }
}
