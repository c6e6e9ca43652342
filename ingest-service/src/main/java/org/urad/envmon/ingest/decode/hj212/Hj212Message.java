package org.urad.envmon.ingest.decode.hj212;

/**
 * A whole message from a logger: an unsplit frame, or a split message put together from its packets.
 *
 * @param bytes one frame holding the message: the frame as received, or the assembled message encoded
 */
public record Hj212Message(Hj212Frame frame, byte[] bytes) {}
