package org.urad.envmon.ingest.decode;

/** Turns one payload format into a {@link DecodedMessage}. Pure: no I/O, no registry. */
public interface PayloadDecoder {

    /** The format name used in topics, metrics and the quarantine table ({@code json}, {@code hj212}). */
    String format();

    DecodedMessage decode(byte[] payload) throws DecodeException;
}
