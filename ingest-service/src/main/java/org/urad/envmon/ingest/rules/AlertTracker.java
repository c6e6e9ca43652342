package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.notify.AlertMessage;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps one alert per rule and subject (and parameter): opens it on a finding, refreshes and
 * escalates it while findings continue, and resolves it after resolve_after clear evaluations in a
 * row. A good value that is not clear of the limit resets the count, so a value hovering at the
 * limit does not flap. A good result for a period older than the alert's latest finding (late data
 * re-evaluating an old window) does not count. Runs inside the caller's transaction; returns what
 * to notify once it commits. Period verdicts ({@link Rule#periodVerdict()}) are resolved only by good
 * verdicts on later periods.
 *
 * <p>Each subject's alert follows its latest judged period ({@code rule_subject_judged}): a verdict on an
 * earlier period (late data, an import, a re-judged old window) is history. A finding there is kept as a
 * resolved alert with a {@code recorded} event; it neither re-opens nor holds open the current alert.
 */
public final class AlertTracker {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final RuleMetrics metrics;
    private final Clock clock;
    private final ZoneId zone;

    public AlertTracker(JdbcTemplate jdbc, RuleMetrics metrics, Clock clock, ZoneId zone) {
        this.jdbc = jdbc;
        this.metrics = metrics;
        this.clock = clock;
        this.zone = zone;
    }

    private record Active(long id, String severity, Instant periodEnd, int goodCount) {}

    public Optional<AlertMessage> apply(Verdict judged, RuleParams p) {
        Verdict v = atDatabasePrecision(judged);
        if (past(v)) {
            if (v.isFinding()) {
                record(v);
            }
            return Optional.empty();
        }
        Subject s = v.subject();
        Optional<Active> active = jdbc
                .query(
                        "SELECT id, severity, period_end, good_count FROM alert WHERE rule_id = ? AND subject_id = ?"
                                + " AND parameter = ? AND state <> 'resolved' FOR UPDATE",
                        (rs, i) -> new Active(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getTimestamp(3) == null
                                        ? null
                                        : rs.getTimestamp(3).toInstant(),
                                rs.getInt(4)),
                        v.rule().name(),
                        s.id(),
                        s.parameter())
                .stream()
                .findFirst();
        if (v.isFinding()) {
            return active.isEmpty() ? open(v) : refresh(v, active.get());
        }
        return active.flatMap(a -> good(v, a, p));
    }

    /**
     * The verdict with its period cut to the microseconds the database keeps. A period ending "now" carries the
     * clock's nanoseconds (the status rules, the open hour and day, the year's quota so far); stored, they are
     * rounded to the microsecond, and half the time up, so the stored end would lie after the verdict's own and
     * {@link #past} would take the verdict for an earlier period: a finding filed as history instead of opening
     * the alert, a good result not counted.
     */
    static Verdict atDatabasePrecision(Verdict v) {
        Instant start = micros(v.periodStart());
        Instant end = micros(v.periodEnd());
        if (Objects.equals(start, v.periodStart()) && Objects.equals(end, v.periodEnd())) {
            return v;
        }
        return new Verdict(
                v.rule(),
                v.subject(),
                v.severity(),
                v.clear(),
                start,
                end,
                v.observed(),
                v.target(),
                v.margin(),
                v.unit(),
                v.evidence());
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Whether the subject already has a later period judged, noting this one's end otherwise: a verdict on
     * an earlier period is history and leaves the subject's current alert as it is.
     */
    private boolean past(Verdict v) {
        if (v.periodEnd() == null) {
            return false;
        }
        Subject s = v.subject();
        Timestamp latest = jdbc.queryForObject(
                "INSERT INTO rule_subject_judged (rule_id, subject_id, parameter, period_end) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (rule_id, subject_id, parameter) DO UPDATE"
                        + " SET period_end = GREATEST(rule_subject_judged.period_end, EXCLUDED.period_end)"
                        + " RETURNING period_end",
                Timestamp.class,
                v.rule().name(),
                s.id(),
                s.parameter(),
                ts(v.periodEnd()));
        return latest != null && latest.toInstant().isAfter(v.periodEnd());
    }

    /**
     * A finding for a past period: kept as a resolved alert with a {@code recorded} event (once per
     * period; judging the period again updates it), never notified.
     */
    private void record(Verdict v) {
        Subject s = v.subject();
        List<Long> existing = jdbc.queryForList(
                "SELECT id FROM alert WHERE rule_id = ? AND subject_id = ? AND parameter = ? AND state = 'resolved'"
                        + " AND period_end = ? AND period_start = ? AND evidence ->> 'history' = 'true'",
                Long.class,
                v.rule().name(),
                s.id(),
                s.parameter(),
                ts(v.periodEnd()),
                ts(v.periodStart()));
        Instant now = clock.instant();
        if (!existing.isEmpty()) {
            jdbc.update(
                    "UPDATE alert SET severity = ?, observed = ?, target = ?, margin = ?, message_zh = ?, message_en = ?,"
                            + " evidence = ?::jsonb, last_seen_at = ? WHERE id = ?",
                    v.severity().code(),
                    v.observed(),
                    v.target(),
                    round(v.margin()),
                    AlertText.zh(v, zone),
                    AlertText.en(v, zone),
                    evidence(v, true),
                    ts(now),
                    existing.get(0));
            return;
        }
        long id = jdbc.queryForObject(
                "INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, parameter, severity, state,"
                        + " period_start, period_end, observed, target, margin, unit, message_zh, message_en, evidence,"
                        + " opened_at, last_seen_at, resolved_at) VALUES (?,?,?,?,?,?,'resolved',?,?,?,?,?,?,?,?,?::jsonb,?,?,?)"
                        + " RETURNING id",
                Long.class,
                v.rule().name(),
                v.rule().reportItem(),
                s.kind().code(),
                s.id(),
                s.parameter(),
                v.severity().code(),
                ts(v.periodStart()),
                ts(v.periodEnd()),
                v.observed(),
                v.target(),
                round(v.margin()),
                v.unit(),
                AlertText.zh(v, zone),
                AlertText.en(v, zone),
                evidence(v, true),
                ts(now),
                ts(now),
                ts(now));
        event(id, "recorded", Map.of("severity", v.severity().code(), "observed", String.valueOf(v.observed())));
    }

    private Optional<AlertMessage> open(Verdict v) {
        Instant now = clock.instant();
        Subject s = v.subject();
        List<Long> ids = jdbc.queryForList(
                "INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, parameter, severity, period_start,"
                        + " period_end, observed, target, margin, unit, message_zh, message_en, evidence, opened_at,"
                        + " last_seen_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?)"
                        + " ON CONFLICT (rule_id, subject_id, parameter) WHERE state <> 'resolved' DO NOTHING RETURNING id",
                Long.class,
                v.rule().name(),
                v.rule().reportItem(),
                s.kind().code(),
                s.id(),
                s.parameter(),
                v.severity().code(),
                ts(v.periodStart()),
                ts(v.periodEnd()),
                v.observed(),
                v.target(),
                round(v.margin()),
                v.unit(),
                AlertText.zh(v, zone),
                AlertText.en(v, zone),
                evidence(v),
                ts(now),
                ts(now));
        if (ids.isEmpty()) {
            return Optional.empty(); // another instance opened it a moment ago
        }
        long id = ids.get(0);
        event(id, "opened", Map.of("severity", v.severity().code(), "observed", String.valueOf(v.observed())));
        metrics.raised(v.rule().name(), v.severity().code());
        return Optional.of(message(id, "opened", v));
    }

    private Optional<AlertMessage> refresh(Verdict v, Active a) {
        boolean older =
                a.periodEnd() != null && v.periodEnd() != null && v.periodEnd().isBefore(a.periodEnd());
        boolean escalate = v.severity() == Severity.BREACH && !"breach".equals(a.severity());
        String severity = escalate ? "breach" : a.severity();
        if (older) {
            jdbc.update(
                    "UPDATE alert SET severity = ?, period_start = LEAST(period_start, ?), last_seen_at = ?,"
                            + " good_count = 0 WHERE id = ?",
                    severity,
                    ts(v.periodStart()),
                    ts(clock.instant()),
                    a.id());
        } else {
            jdbc.update(
                    "UPDATE alert SET severity = ?, period_start = LEAST(period_start, ?), period_end = ?, observed = ?,"
                            + " target = ?, margin = ?, unit = ?, message_zh = ?, message_en = ?, evidence = ?::jsonb,"
                            + " last_seen_at = ?, good_count = 0 WHERE id = ?",
                    severity,
                    ts(v.periodStart()),
                    ts(v.periodEnd()),
                    v.observed(),
                    v.target(),
                    round(v.margin()),
                    v.unit(),
                    AlertText.zh(v, zone),
                    AlertText.en(v, zone),
                    evidence(v),
                    ts(clock.instant()),
                    a.id());
        }
        if (!escalate) {
            return Optional.empty();
        }
        event(a.id(), "escalated", Map.of("from", a.severity(), "to", "breach"));
        metrics.raised(v.rule().name(), "breach");
        return Optional.of(message(a.id(), "escalated", v));
    }

    private Optional<AlertMessage> good(Verdict v, Active a, RuleParams p) {
        if (a.periodEnd() != null && v.periodEnd() != null && v.periodEnd().isBefore(a.periodEnd())) {
            return Optional.empty();
        }
        if (!laterPeriod(v, a)) {
            return Optional.empty();
        }
        int count = v.clear() ? a.goodCount() + 1 : 0;
        if (count < p.resolveAfter()) {
            jdbc.update("UPDATE alert SET good_count = ? WHERE id = ?", count, a.id());
            return Optional.empty();
        }
        jdbc.update(
                "UPDATE alert SET state = 'resolved', resolved_at = ?, good_count = ? WHERE id = ?",
                ts(clock.instant()),
                count,
                a.id());
        event(a.id(), "resolved", Map.of("good_evaluations", count, "observed", String.valueOf(v.observed())));
        metrics.resolved(v.rule().name());
        return Optional.of(message(a.id(), "resolved", v));
    }

    /**
     * A period verdict's alert counts only good verdicts on a later period (one starting where the alert's
     * period ends or after): re-judging the breached period itself leaves the count as it is.
     */
    private static boolean laterPeriod(Verdict v, Active a) {
        if (!v.rule().periodVerdict() || a.periodEnd() == null || v.periodStart() == null) {
            return true;
        }
        return !v.periodStart().isBefore(a.periodEnd());
    }

    void event(long alertId, String kind, Map<String, Object> detail) {
        jdbc.update(
                "INSERT INTO alert_event (alert_id, at, kind, actor, detail) VALUES (?, ?, ?, 'rules', ?::jsonb)",
                alertId,
                ts(clock.instant()),
                kind,
                JSON.writeValueAsString(detail));
    }

    private AlertMessage message(long id, String event, Verdict v) {
        Subject s = v.subject();
        String severity = v.severity() == null ? "resolved" : v.severity().code();
        String zh = "resolved".equals(event) ? "【已恢复】" + v.rule().nameZh() + " - " + s.name() : AlertText.titleZh(v);
        String en =
                "resolved".equals(event) ? "[resolved] " + v.rule().nameEn() + " - " + s.name() : AlertText.titleEn(v);
        return new AlertMessage(
                id,
                event,
                v.rule().name(),
                v.rule().reportItem(),
                s.kind().code(),
                s.id(),
                s.name(),
                s.parameter(),
                severity,
                v.periodStart(),
                v.periodEnd(),
                v.observed(),
                v.target(),
                round(v.margin()),
                v.unit(),
                zh,
                en,
                v.isFinding() ? AlertText.zh(v, zone) : zh,
                v.isFinding() ? AlertText.en(v, zone) : en,
                v.rule().nameZh(),
                v.rule().nameEn());
    }

    private String evidence(Verdict v) {
        return evidence(v, false);
    }

    private String evidence(Verdict v, boolean history) {
        Map<String, Object> e = new HashMap<>(v.evidence());
        if (history) {
            e.put("history", true);
        }
        e.put("rule", v.rule().name());
        e.put("report_item", v.rule().reportItem());
        e.put("subject", v.subject().kind().code() + ":" + v.subject().id());
        e.put("period_start", String.valueOf(v.periodStart()));
        e.put("period_end", String.valueOf(v.periodEnd()));
        e.put("observed", v.observed());
        e.put("target", v.target());
        e.put("margin", round(v.margin()));
        return JSON.writeValueAsString(e);
    }

    static Double round(Double x) {
        return x == null ? null : Math.round(x * 1e6) / 1e6;
    }

    static Timestamp ts(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }
}
