package org.urad.envmon.ingest.decode.hj212;

import java.util.List;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * A split message given up on, and why: its packets did not all arrive in time (INCOMPLETE_PACKETS), the
 * connection held too many packets (TOO_MANY_PENDING_PACKETS), or the packets together do not fit one
 * frame (PAYLOAD_TOO_LARGE).
 *
 * @param packets the packets received, in packet-number order
 * @param bytes those packets as they arrived, one after another, for the quarantine
 */
public record Hj212Incomplete(String mn, String qn, List<Hj212Frame> packets, byte[] bytes, DecodeException error) {

    public Hj212Incomplete {
        packets = List.copyOf(packets);
    }
}
