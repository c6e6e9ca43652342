package org.urad.envmon.ingest.decode.szy206;

/**
 * The SZY 206 check byte CS: CRC-8 with generator X^7+X^6+X^5+X^2+1 (0xE5), initial value 0, most
 * significant bit first, no final XOR, over the user data (control byte to the last data byte).
 */
public final class Szy206Crc {

    private static final int[] TABLE = table();

    private Szy206Crc() {}

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    private static int[] table() {
        int[] table = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0xE5) & 0xFF : (crc << 1) & 0xFF;
            }
            table[b] = crc;
        }
        return table;
    }
}
