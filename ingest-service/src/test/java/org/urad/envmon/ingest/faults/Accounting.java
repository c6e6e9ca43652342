package org.urad.envmon.ingest.faults;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.urad.envmon.ingest.support.Db;

/** What the quarantine holds after a campaign: the SHA-256 of every payload kept, and the rows by reason. */
final class Accounting {

    private final Set<ByteBuffer> shas;
    private final long rows;
    private final List<String> reasons;

    private Accounting(Set<ByteBuffer> shas, long rows, List<String> reasons) {
        this.shas = shas;
        this.rows = rows;
        this.reasons = reasons;
    }

    static Accounting load(Db db) {
        Set<ByteBuffer> shas = new HashSet<>();
        for (String hex : db.strings("SELECT encode(payload_sha256, 'hex') FROM quarantine")) {
            shas.add(ByteBuffer.wrap(java.util.HexFormat.of().parseHex(hex)));
        }
        return new Accounting(
                shas,
                db.count("SELECT count(*) FROM quarantine"),
                db.strings("SELECT reason || ' ' || count(*) FROM quarantine GROUP BY reason ORDER BY count(*) DESC"));
    }

    boolean holdsSha(byte[] sha) {
        return shas.contains(ByteBuffer.wrap(sha));
    }

    /** Whether the quarantine holds these bytes, or them without a trailing CR LF. */
    boolean holds(byte[] payload) {
        if (holdsSha(Campaign.sha256(payload))) {
            return true;
        }
        int n = payload.length;
        return n >= 2
                && payload[n - 2] == '\r'
                && payload[n - 1] == '\n'
                && holdsSha(Campaign.sha256(java.util.Arrays.copyOf(payload, n - 2)));
    }

    long rows() {
        return rows;
    }

    String reasons() {
        return "quarantined by reason: " + String.join(", ", reasons);
    }
}
