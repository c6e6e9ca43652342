package org.urad.envmon.ingest.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.reading.SenderText;

/**
 * Writes one quarantine row per rejected message: its raw bytes, the first reason as the code, and
 * every reason in the detail. Identical bytes on the same topic for the same reason stay one row.
 * Topic, device id and format are the sender's words: stored cleaned and bounded, with the whole
 * topic's hash as the key.
 */
final class QuarantineWriter {

    static final int MAX_TOPIC = 1024;
    static final int MAX_DEVICE_ID = 128;
    static final int MAX_FORMAT = 32;
    static final int MAX_DETAIL = 4000;

    private static final String INSERT = "INSERT INTO quarantine (topic, topic_sha256, device_id, format, reason,"
            + " detail, payload, payload_sha256, received_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (topic_sha256, reason, payload_sha256) DO UPDATE SET last_seen_at = excluded.last_seen_at";

    /**
     * Quarantines a replayed message again, keeping the row's first and latest times as they were (the
     * message arrived then); answers the id of the row that holds it, which is the replayed row itself when
     * it failed for the same reason again.
     */
    long writeAgain(Connection connection, Outcome rejected) throws SQLException {
        String sql = INSERT.replace(
                        "last_seen_at = excluded.last_seen_at",
                        "last_seen_at = greatest(quarantine.last_seen_at, excluded.last_seen_at)")
                + " RETURNING id";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, rejected);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    long write(Connection connection, List<Outcome> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            for (Outcome o : rejected) {
                bind(ps, o);
                ps.addBatch();
            }
            ps.executeBatch();
            return rejected.size();
        }
    }

    private static void bind(PreparedStatement ps, Outcome o) throws SQLException {
        Timestamp received = Timestamp.from(o.raw().receivedAt());
        String topic = o.raw().topic() == null ? "" : o.raw().topic();
        ps.setString(1, SenderText.clean(topic, MAX_TOPIC));
        ps.setBytes(2, sha256(topic.getBytes(StandardCharsets.UTF_8)));
        ps.setString(3, SenderText.clean(o.deviceId(), MAX_DEVICE_ID));
        ps.setString(4, SenderText.clean(o.format() == null ? "unknown" : o.format(), MAX_FORMAT));
        ps.setString(5, o.rejections().get(0).reason().code());
        ps.setString(6, detail(o.rejections()));
        ps.setBytes(7, o.raw().payload());
        ps.setBytes(8, sha256(o.raw().payload()));
        ps.setTimestamp(9, received);
        ps.setTimestamp(10, received);
    }

    private static String detail(List<Rejection> rejections) {
        String all = rejections.stream()
                .map(r -> rejections.size() == 1 ? r.detail() : r.reason().code() + ": " + r.detail())
                .collect(Collectors.joining("; "));
        return SenderText.clean(all, MAX_DETAIL);
    }

    static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
