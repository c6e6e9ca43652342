package org.urad.envmon.ingest.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/** Local-time period boundaries (Asia/Shanghai by default) as instants. */
public record QuarterClock(ZoneId zone) {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    public Instant start(YearMonth quarter) {
        return quarter.atDay(1).atStartOfDay(zone).toInstant();
    }

    /** Exclusive end: the start of the next quarter. */
    public Instant end(YearMonth quarter) {
        return quarter.plusMonths(3).atDay(1).atStartOfDay(zone).toInstant();
    }

    public Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    public YearMonth quarterContaining(Instant t) {
        return GroundwaterRules.quarterOf(YearMonth.from(t.atZone(zone)));
    }
}
