package org.urad.envmon.ingest.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.reading.SenderText;

/** {@link CommandLog} in {@code monitor_command}. */
public final class JdbcCommandLog implements CommandLog {

    private static final Logger log = LoggerFactory.getLogger(JdbcCommandLog.class);
    private static final String INSERT =
            "INSERT INTO monitor_command (device_id, mn, cn, qn, reason, sent_at, attempt) VALUES (?, ?, ?, ?, ?, ?, ?)";
    /** A 9012 settles a command; a 9011 only moves a command still waiting. */
    private static final String ANSWER = """
            UPDATE monitor_command SET outcome = ?, outcome_at = ?,
                   detail = CASE WHEN detail = '' THEN ? ELSE detail || '; ' || ? END
            WHERE mn = ? AND qn = ? AND (outcome = 'sent' OR (outcome = 'accepted' AND ? <> 'accepted'))
            """;
    /** Only commands still waiting, and only old ones: running it twice, or on two instances, changes nothing more. */
    private static final String EXPIRE = """
            UPDATE monitor_command SET outcome = 'timed_out', outcome_at = ?,
                   detail = CASE WHEN detail = '' THEN ? ELSE detail || '; ' || ? END
            WHERE outcome = 'sent' AND sent_at < ?
            """;

    private static final String RECENT = """
            SELECT id, cn, qn, reason, detail, sent_at, outcome, outcome_at, attempt FROM monitor_command
            WHERE device_id = ? AND (?::timestamptz IS NULL OR (sent_at, id) < (?, ?))
            ORDER BY sent_at DESC, id DESC LIMIT ?
            """;

    private final DataSource dataSource;

    public JdbcCommandLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void sent(String deviceId, String mn, String cn, String qn, String reason, Instant at, int attempt) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, deviceId);
            ps.setString(2, mn);
            ps.setString(3, cn);
            ps.setString(4, qn);
            ps.setString(5, reason);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.setInt(7, attempt);
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("Command {} to {} not logged: {}", cn, mn, e.getMessage());
        }
    }

    @Override
    public void answered(String mn, String qn, String outcome, String detail, Instant at) {
        String text = SenderText.clean(detail, 200);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ANSWER)) {
            ps.setString(1, outcome);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, text);
            ps.setString(4, text);
            ps.setString(5, mn);
            ps.setString(6, qn);
            ps.setString(7, outcome);
            ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("Answer to command {} of {} not logged: {}", qn, mn, e.getMessage());
        }
    }

    @Override
    public int expireUnanswered(Instant sentBefore, String detail, Instant at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(EXPIRE)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, detail);
            ps.setString(3, detail);
            ps.setTimestamp(4, Timestamp.from(sentBefore));
            return ps.executeUpdate();
        } catch (SQLException e) {
            log.warn("Unanswered commands not settled: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public List<CommandRow> recent(String deviceId, Key after, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(RECENT)) {
            Timestamp afterTime = after == null ? null : Timestamp.from(after.sentAt());
            ps.setString(1, deviceId);
            ps.setTimestamp(2, afterTime);
            ps.setTimestamp(3, afterTime);
            ps.setLong(4, after == null ? 0 : after.id());
            ps.setInt(5, limit);
            List<CommandRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp outcomeAt = rs.getTimestamp(8);
                    rows.add(new CommandRow(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant(),
                            rs.getString(7),
                            outcomeAt == null ? null : outcomeAt.toInstant(),
                            rs.getInt(9)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("command log not readable: " + e.getMessage(), e);
        }
    }
}
