package org.urad.envmon.ingest.decode;

import java.util.List;

/** Turns one payload format into a {@link DecodedMessage}. Pure: no I/O, no registry. */
public interface PayloadDecoder {

    /** The format name used in topics, metrics and the quarantine table ({@code json}, {@code hj212}). */
    String format();

    DecodedMessage decode(byte[] payload) throws DecodeException;

    /**
     * The messages one payload carries, each to be decoded, stored or quarantined on its own; most formats
     * carry one, the payload itself. Cutting never fails: a piece that is not a message is left to {@link
     * #decode} to refuse.
     */
    default List<byte[]> messages(byte[] payload) {
        return List.of(payload);
    }
}
