package org.urad.envmon.ingest.decode.sl651;

/**
 * One packet of a multi-packet message (mode M3, start character SYN, HEX/BCD encoding): the frame whose
 * body is the packet's share of the message, and the header's 3-byte "包总数及序列号" field, high 12 bits
 * the total number of packets and low 12 bits this packet's serial number, both 1..4095.
 *
 * @param frame the frame's header fields and end character; its body is the share of the message only
 */
public record Sl651Packet(Sl651Frame frame, int total, int seq) {

    public static final int MAX_COUNT = 4095;

    public Sl651Packet {
        if (total < 1 || total > MAX_COUNT || seq < 1 || seq > MAX_COUNT) {
            throw new IllegalArgumentException("total and seq must be 1..4095");
        }
    }

    /** The three bytes after SYN. */
    byte[] counter() {
        int v = total << 12 | seq;
        return new byte[] {(byte) (v >> 16), (byte) (v >> 8), (byte) v};
    }
}
