package org.urad.envmon.ingest.decode.hj212;

import java.util.Locale;

/**
 * The HJ 212 frame check: CRC-16 with polynomial 0xA001 (reflected), initial value 0xFFFF, but
 * each byte is folded in as {@code crc = (crc >> 8) ^ b}, so it is <em>not</em> CRC-16/MODBUS.
 * Computed over the data segment only. SL 651 hydrology frames use a different routine.
 *
 * <p>Since the fold leaves only eight bits before the eight shift steps, each step of the loop is
 * one look-up in a table of those eight steps for every byte value.
 */
public final class Hj212Crc {

    private static final int[] STEPS = steps();

    private Hj212Crc() {}

    public static int compute(byte[] data, int offset, int length) {
        int crc = 0xFFFF;
        for (int i = offset; i < offset + length; i++) {
            crc = STEPS[((crc >> 8) ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** The eight reflected shift steps with polynomial 0xA001, applied to each byte value. */
    private static int[] steps() {
        int[] steps = new int[256];
        for (int b = 0; b < 256; b++) {
            int crc = b;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
            steps[b] = crc;
        }
        return steps;
    }

    public static int compute(byte[] data) {
        return compute(data, 0, data.length);
    }

    /** The CRC as the four upper-case hex digits written into a frame. */
    public static String hex(int crc) {
        return String.format(Locale.ROOT, "%04X", crc);
    }
}
