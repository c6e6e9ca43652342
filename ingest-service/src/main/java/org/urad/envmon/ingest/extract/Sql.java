package org.urad.envmon.ingest.extract;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Shared bits of the indicator queries. */
final class Sql {

    private Sql() {}

    static OffsetDateTime ts(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static OffsetDateTime ts(LocalDate localDay) {
        return ts(localDay.atStartOfDay(ReportPeriod.ZONE).toInstant());
    }

    /** :start and :end of the period, and :now (the observed end). */
    static MapSqlParameterSource bounds(ReportPeriod period, Instant now) {
        return new MapSqlParameterSource()
                .addValue("start", ts(period.startInstant()))
                .addValue("end", ts(period.endInstant()))
                .addValue("now", ts(period.observedEnd(now)));
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static double percent(double part, double whole) {
        return whole <= 0 ? 0 : Math.min(100, part * 100 / whole);
    }
}
