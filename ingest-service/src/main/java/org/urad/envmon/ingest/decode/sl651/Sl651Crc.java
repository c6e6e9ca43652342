package org.urad.envmon.ingest.decode.sl651;

/**
 * The SL 651 frame check: CRC-16 with generator X^16+X^15+X^2+1 computed reflected (0xA001),
 * initial value 0xFFFF, no final XOR (the parameters of CRC-16/MODBUS), over every byte before the
 * check. The frame carries it high byte first (HEX) or as four hex digits (ASCII).
 */
public final class Sl651Crc {

    private static final int[] TABLE = table();

    private Sl651Crc() {}

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA001 : crc >>> 1;
            }
            table[b] = crc;
        }
        return table;
    }
}
