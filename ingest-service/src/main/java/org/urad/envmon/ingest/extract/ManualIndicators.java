package org.urad.envmon.ingest.extract;

import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Hand-entered indicators: stored append-only, shown as of a period's end beside the measured ones. */
final class ManualIndicators {

    private final NamedParameterJdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate writes;

    /** Reads through {@code jdbc}, stores through {@code writes} (the same database unless reads go to a replica). */
    ManualIndicators(NamedParameterJdbcTemplate jdbc, NamedParameterJdbcTemplate writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    long insert(ManualEntry e) {
        return writes.queryForObject(
                "INSERT INTO manual_indicator (key, name_zh, name_en, item, value, unit, target, source, as_of, entered_by,"
                        + " direction) VALUES (:key, :nameZh, :nameEn, :item, :value, :unit, :target, :source, :asOf,"
                        + " :enteredBy, :direction)"
                        + " RETURNING id",
                new MapSqlParameterSource()
                        .addValue("key", e.key())
                        .addValue("nameZh", e.nameZh())
                        .addValue("nameEn", e.nameEn())
                        .addValue("item", e.item())
                        .addValue("value", e.value())
                        .addValue("unit", e.unit())
                        .addValue("target", e.target())
                        .addValue("source", e.source())
                        .addValue("asOf", e.asOf())
                        .addValue("enteredBy", e.enteredBy())
                        .addValue("direction", e.direction()),
                Long.class);
    }

    /** The latest entry per key whose as-of date falls before the period's end. */
    List<ManualEntry> asOf(ReportPeriod period) {
        return jdbc.query(
                "SELECT DISTINCT ON (key) key, name_zh, name_en, item, value, unit, target, source, as_of, entered_by,"
                        + " direction"
                        + " FROM manual_indicator WHERE as_of < :end ORDER BY key, as_of DESC, entered_at DESC, id DESC",
                new MapSqlParameterSource("end", period.end()),
                (rs, i) -> new ManualEntry(
                        rs.getString("key"),
                        rs.getString("name_zh"),
                        rs.getString("name_en"),
                        rs.getString("item"),
                        rs.getDouble("value"),
                        rs.getString("unit"),
                        Sql.nullableDouble(rs, "target"),
                        rs.getString("source"),
                        rs.getObject("as_of", LocalDate.class),
                        rs.getString("entered_by"),
                        rs.getString("direction")));
    }

    List<Indicator> compute(ReportPeriod period) {
        return asOf(period).stream().map(ManualIndicators::indicator).toList();
    }

    static Indicator indicator(ManualEntry e) {
        return Indicator.of(Area.MANUAL, e.item(), e.key(), e.nameZh(), e.nameEn(), e.unit())
                .subject("banner")
                .value(e.value())
                .target(e.target() == null ? null : e.sign() + " " + Sentences.num(e.target(), 4), e.met())
                .note(e.source() + ", " + e.asOf() + ", " + e.enteredBy())
                .sentence(Sentences.manual(e.nameZh(), e.value(), e.unit(), e.source(), e.asOf()))
                .build();
    }
}
