package org.urad.envmon.ingest.decode.hj212;

import java.util.List;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * A split message given up on: the packets that did arrive, and why (INCOMPLETE_PACKETS).
 *
 * @param packets the packets received, in packet-number order, for the quarantine
 */
public record Hj212Incomplete(String mn, String qn, List<Hj212Frame> packets, DecodeException error) {

    public Hj212Incomplete {
        packets = List.copyOf(packets);
    }
}
