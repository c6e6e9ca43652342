package org.urad.envmon.ingest.rules;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.reading.Calibration;

/**
 * A CEMS calibration's deviation as {@code cems_calibration_deviation} (V26) defines it: |measured −
 * reference| / span × 100, span = full scale sent, else the registered range, else (span and standard
 * checks) the reference. The same row the extract and the dashboard read.
 *
 * @param span the basis, {@code null} when there is none (not judgeable)
 * @param spanBasis {@code full_scale}, {@code registered_range} or {@code reference}
 * @param deviationPct the deviation in %, {@code null} when not judgeable
 * @param notJudgeableReason why there is no deviation, else {@code null}
 * @param allowedParam the rule parameter holding the allowed deviation for this parameter
 */
public record CalibrationDeviation(
        Double span, String spanBasis, Double deviationPct, String notJudgeableReason, String allowedParam) {

    private static final String SQL = """
            SELECT span, span_basis, deviation_pct, not_judgeable_reason, allowed_param
              FROM cems_calibration_deviation
             WHERE device_id = ? AND parameter = ? AND kind = ? AND ts = ?""";

    public boolean judgeable() {
        return deviationPct != null;
    }

    /** The stored calibration's deviation; empty when it is not a stored CEMS zero, span or standard check. */
    static Optional<CalibrationDeviation> of(JdbcTemplate jdbc, Calibration c) {
        List<CalibrationDeviation> rows = jdbc.query(
                SQL,
                (rs, i) -> new CalibrationDeviation(
                        (Double) rs.getObject(1),
                        rs.getString(2),
                        (Double) rs.getObject(3),
                        rs.getString(4),
                        rs.getString(5)),
                c.deviceId(),
                c.parameter(),
                c.kind().code(),
                Timestamp.from(c.time()));
        return rows.stream().findFirst();
    }
}
