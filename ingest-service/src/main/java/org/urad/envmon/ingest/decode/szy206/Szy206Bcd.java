package org.urad.envmon.ingest.decode.szy206;

import org.urad.envmon.ingest.decode.DecodeException;

/** SZY 206 numbers: packed BCD, least significant byte first. */
final class Szy206Bcd {

    private Szy206Bcd() {}

    /** Whether every byte is AAH (the standard's "no data") or FFH (what terminals send instead). */
    static boolean absent(byte[] data, int offset, int length) {
        boolean aa = true;
        boolean ff = true;
        for (int i = offset; i < offset + length; i++) {
            aa &= (data[i] & 0xFF) == 0xAA;
            ff &= (data[i] & 0xFF) == 0xFF;
        }
        return aa || ff;
    }

    /** The unsigned value of {@code 2 * length} BCD digits, least significant byte first. */
    static long unsigned(byte[] data, int offset, int length, String field) throws DecodeException {
        long value = 0;
        for (int i = offset + length - 1; i >= offset; i--) {
            value = value * 100 + pair(data[i] & 0xFF, field);
        }
        return value;
    }

    /** One byte of two BCD digits. */
    static int pair(int b, String field) throws DecodeException {
        int high = b >> 4;
        int low = b & 0x0F;
        if (high > 9 || low > 9) {
            throw Szy206Errors.badField(field, String.format("byte %02X is not two BCD digits", b));
        }
        return high * 10 + low;
    }

    /** Writes {@code value} as {@code 2 * length} BCD digits, least significant byte first. */
    static void write(long value, byte[] out, int offset, int length) {
        long rest = value;
        for (int i = offset; i < offset + length; i++) {
            int pair = (int) (rest % 100);
            out[i] = (byte) (((pair / 10) << 4) | (pair % 10));
            rest /= 100;
        }
        if (rest != 0) {
            throw new IllegalArgumentException(value + " does not fit " + (2 * length) + " BCD digits");
        }
    }
}
