package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.reading.Family;

/**
 * The rules judged on the state now, on a short schedule: CEMS_CALIBRATION_OVERDUE and
 * WQ_CALIBRATION_OVERDUE per calibrated analyser of a monitor, CEMS_COMPARISON_OVERDUE per monitor,
 * DEVICE_SILENT per active device
 * of every family. A monitor never calibrated is judged from its first data; a device never heard
 * from, from when this instance began watching. An overdue alert counts as clear only once the age
 * is back under clear_share of the interval (hysteresis).
 */
final class StatusChecks {

    private record Watched(String id, Family family, String name, Duration interval, Set<String> keys) {}

    private static final String DEVICES = """
            SELECT d.id, d.family, d.name, extract(epoch FROM d.reporting_interval), m.enterprise, w.village_id, w.zone_id
            FROM device d LEFT JOIN monitor m ON m.device_id = d.id LEFT JOIN well w ON w.device_id = d.id
            WHERE d.active ORDER BY d.id
            """;

    private final JdbcTemplate jdbc;
    private final MonitorData data;
    private final Supplier<RuleSet> rules;
    private final Instant watchingSince;
    /** Last contact of devices silent for longer than the look-back; it cannot change until they speak. */
    private final Map<String, Optional<Instant>> longSilent = new ConcurrentHashMap<>();

    StatusChecks(JdbcTemplate jdbc, MonitorData data, Supplier<RuleSet> rules, Instant watchingSince) {
        this.jdbc = jdbc;
        this.data = data;
        this.rules = rules;
        this.watchingSince = watchingSince;
    }

    List<RuleRunner.Judged> evaluate(Instant now) {
        List<Watched> devices = jdbc.query(DEVICES, (rs, i) -> {
            List<String> keys = new ArrayList<>(List.of(rs.getString(1)));
            for (int c = 5; c <= 7; c++) {
                if (rs.getString(c) != null) {
                    keys.add(rs.getString(c));
                }
            }
            return new Watched(
                    rs.getString(1),
                    Family.fromCode(rs.getString(2)).orElseThrow(),
                    rs.getString(3),
                    Duration.ofSeconds(rs.getLong(4)),
                    Set.copyOf(keys));
        });
        RuleSet set = rules.get();
        List<RuleRunner.Judged> out = new ArrayList<>();
        silent(devices, set, now, out);
        calibrations(devices, set, now, out);
        return out;
    }

    /** A device's row of {@code device_silence} (V40): the one definition of a silent device. */
    private record Silence(Instant lastReceived, int intervals, boolean silent) {}

    private void silent(List<Watched> devices, RuleSet set, Instant now, List<RuleRunner.Judged> out) {
        Duration lookBack = Duration.ZERO;
        for (Watched d : devices) {
            Duration a = StatusRules.allowed(d.interval(), set.params(Rule.DEVICE_SILENT, d.keys()));
            lookBack = a.multipliedBy(2).compareTo(lookBack) > 0 ? a.multipliedBy(2) : lookBack;
        }
        Map<String, Silence> silence = new HashMap<>();
        jdbc.query(
                "SELECT device_id, last_received, intervals, silent FROM device_silence(?, make_interval(secs => ?))"
                        + " WHERE active",
                rs -> {
                    silence.put(
                            rs.getString(1), new Silence(instant(rs.getTimestamp(2)), rs.getInt(3), rs.getBoolean(4)));
                },
                Timestamp.from(now),
                lookBack.toMillis() / 1000.0);
        for (Watched d : devices) {
            RuleParams p = set.params(Rule.DEVICE_SILENT, d.keys());
            Duration allowed = StatusRules.allowed(d.interval(), p);
            Silence s = silence.get(d.id());
            Instant last = s == null ? null : s.lastReceived();
            if (last != null) {
                longSilent.remove(d.id());
            } else {
                last = longSilent.computeIfAbsent(d.id(), id -> lastContact(d)).orElse(null);
            }
            if (last == null && now.isBefore(watchingSince.plus(allowed))) {
                continue;
            }
            // The function's verdict wherever it applies: the device's last receipt came from it and it judged
            // by the intervals this rule set gives the device (rule_param_for; not yet so while a newly
            // loaded rule set is being published).
            Boolean silentBySql = s != null
                            && s.lastReceived() != null
                            && s.intervals() == Math.max(1, Math.round(p.get("intervals")))
                    ? s.silent()
                    : null;
            Verdict v = StatusRules.silent(subject(d), last, now, d.interval(), p, silentBySql);
            out.add(new RuleRunner.Judged(hysteresis(v, p), p));
        }
    }

    private Optional<Instant> lastContact(Watched d) {
        Timestamp t = jdbc.queryForObject(
                "SELECT max(received_at) FROM " + d.family().table() + " WHERE device_id = ?", Timestamp.class, d.id());
        return Optional.ofNullable(t).map(Timestamp::toInstant);
    }

    private static final String CALIBRATED = """
            SELECT mp.device_id, mp.parameter FROM monitor_parameter mp
            JOIN device d ON d.id = mp.device_id JOIN parameter p ON p.family = d.family AND p.code = mp.parameter
            WHERE d.active AND p.calibrated ORDER BY 1, 2
            """;

    /**
     * Calibration is judged per calibrated analyser (the parameter's {@code calibrated} flag), comparison
     * monitoring per monitor.
     */
    private void calibrations(List<Watched> devices, RuleSet set, Instant now, List<RuleRunner.Judged> out) {
        Map<String, Instant> lastCalibration = new HashMap<>();
        Map<String, Instant> lastComparison = new HashMap<>();
        jdbc.query(
                "SELECT device_id, parameter, max(ts) FILTER (WHERE kind <> 'comparison'),"
                        + " max(ts) FILTER (WHERE kind = 'comparison') FROM calibration_record GROUP BY 1, 2",
                rs -> {
                    Instant calibrated = instant(rs.getTimestamp(3));
                    if (calibrated != null) {
                        lastCalibration.put(rs.getString(1) + '\u0000' + rs.getString(2), calibrated);
                    }
                    Instant compared = instant(rs.getTimestamp(4));
                    if (compared != null) {
                        lastComparison.merge(rs.getString(1), compared, StatusChecks::later);
                    }
                });
        Map<String, List<String>> analysers = new HashMap<>();
        jdbc.query(CALIBRATED, rs -> {
            analysers.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
        });
        for (Watched d : devices) {
            Rule rule = switch (d.family()) {
                case CEMS -> Rule.CEMS_CALIBRATION_OVERDUE;
                case WATER_QUALITY -> Rule.WQ_CALIBRATION_OVERDUE;
                default -> null;
            };
            if (rule == null) {
                continue;
            }
            Duration interval = d.family() == Family.CEMS
                    ? days(set, rule, d)
                    : Duration.ofMinutes(Math.round(set.params(rule, d.keys()).get("interval_hours") * 60));
            for (String parameter : analysers.getOrDefault(d.id(), List.of())) {
                overdue(rule, d, parameter, lastCalibration.get(d.id() + '\u0000' + parameter), interval, set, now)
                        .ifPresent(out::add);
            }
            if (d.family() == Family.CEMS) {
                Duration comparisonInterval = days(set, Rule.CEMS_COMPARISON_OVERDUE, d);
                overdue(Rule.CEMS_COMPARISON_OVERDUE, d, "", lastComparison.get(d.id()), comparisonInterval, set, now)
                        .ifPresent(out::add);
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration days(RuleSet set, Rule rule, Watched d) {
        return Duration.ofMinutes(Math.round(set.params(rule, d.keys()).get("interval_days") * 24 * 60));
    }

    /** A monitor without any record is judged from its first data; one without data is not judged. */
    private Optional<RuleRunner.Judged> overdue(
            Rule rule, Watched d, String parameter, Instant last, Duration interval, RuleSet set, Instant now) {
        RuleParams p = set.params(rule, d.keys());
        Instant since = last;
        if (last == null) {
            since = data.firstSeen(d.family(), d.id());
            if (since == null) {
                return Optional.empty();
            }
        }
        Verdict v = StatusRules.overdue(rule, subject(d).withParameter(parameter), since, now, interval);
        if (last == null) {
            Map<String, Object> evidence = new HashMap<>(v.evidence());
            evidence.put("last", "never");
            evidence.put("first_data", since.toString());
            v = v.withEvidence(evidence);
        }
        return Optional.of(new RuleRunner.Judged(hysteresis(v, p), p));
    }

    /** A good result clears an open alert only when the age is within clear_share of the allowed time. */
    static Verdict hysteresis(Verdict v, RuleParams p) {
        if (v.isFinding() || v.observed() == null || v.target() == null) {
            return v;
        }
        boolean clear = v.observed() <= v.target() * p.get("clear_share");
        return new Verdict(
                v.rule(),
                v.subject(),
                null,
                clear,
                v.periodStart(),
                v.periodEnd(),
                v.observed(),
                v.target(),
                null,
                v.unit(),
                v.evidence());
    }

    private static Subject subject(Watched d) {
        return Subject.of(Subject.Kind.DEVICE, d.id(), d.name());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
