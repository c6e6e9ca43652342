package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The windows of the scheduled monitor and quota rules, cut in local time: clock hours for
 * CEMS_EMISSION_LIMIT, local days and months for the water-quality rules, local years for the
 * village and zone quota totals. The name is the {@code rule_window_run.rule_group}.
 */
public enum WindowGroup {
    CEMS_HOUR("cems_hour", ChronoUnit.HOURS),
    WQ_DAY("wq_day", ChronoUnit.DAYS),
    WQ_MONTH("wq_month", ChronoUnit.MONTHS),
    QUOTA_YEAR("quota_year", ChronoUnit.YEARS);

    private final String group;
    private final ChronoUnit unit;

    WindowGroup(String group, ChronoUnit unit) {
        this.group = group;
        this.unit = unit;
    }

    public String group() {
        return group;
    }

    /** The start of the window containing {@code t}. */
    public Instant start(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime start = switch (unit) {
            case HOURS -> local.truncatedTo(ChronoUnit.HOURS);
            case DAYS -> local.truncatedTo(ChronoUnit.DAYS);
            case MONTHS -> local.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
            default -> local.withDayOfYear(1).truncatedTo(ChronoUnit.DAYS);
        };
        return start.toInstant();
    }

    /** The exclusive end of the window starting at {@code start}: the next window's start. */
    public Instant end(Instant start, ZoneId zone) {
        return start.atZone(zone).plus(1, unit).toInstant();
    }

    /** Whether the window starting at {@code start} has closed by {@code now}. */
    public boolean closed(Instant start, Instant now, ZoneId zone) {
        return !end(start, zone).isAfter(now);
    }
}
