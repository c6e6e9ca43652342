package org.urad.envmon.ingest.store;

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

/**
 * Writes one quarantine row per rejected message: its raw bytes, the first reason as the code, and
 * every reason in the detail. Identical bytes on the same topic for the same reason stay one row.
 */
final class QuarantineWriter {

    private static final String INSERT = "INSERT INTO quarantine"
            + " (topic, device_id, format, reason, detail, payload, payload_sha256, received_at, last_seen_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (topic, reason, payload_sha256) DO UPDATE SET last_seen_at = excluded.last_seen_at";
    private static final int MAX_DETAIL = 4000;

    long write(Connection connection, List<Outcome> rejected) throws SQLException {
        if (rejected.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            for (Outcome o : rejected) {
                Timestamp received = Timestamp.from(o.raw().receivedAt());
                ps.setString(1, o.raw().topic());
                ps.setString(2, o.deviceId());
                ps.setString(3, o.format());
                ps.setString(4, o.rejections().get(0).reason().code());
                ps.setString(5, detail(o.rejections()));
                ps.setBytes(6, o.raw().payload());
                ps.setBytes(7, sha256(o.raw().payload()));
                ps.setTimestamp(8, received);
                ps.setTimestamp(9, received);
                ps.addBatch();
            }
            ps.executeBatch();
            return rejected.size();
        }
    }

    private static String detail(List<Rejection> rejections) {
        String all = rejections.stream()
                .map(r -> rejections.size() == 1 ? r.detail() : r.reason().code() + ": " + r.detail())
                .collect(Collectors.joining("; "));
        return all.length() <= MAX_DETAIL ? all : all.substring(0, MAX_DETAIL) + " …";
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
