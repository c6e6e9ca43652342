package org.urad.envmon.ingest.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's binary COPY format: nothing to format here, nothing to parse in the server.
 * Timestamps are microseconds since 2000-01-01 UTC, doubles IEEE 754, text UTF-8.
 */
final class CopyBinary {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private byte[] buf;
    private int pos;

    CopyBinary(int expectedRows) {
        buf = new byte[64 + expectedRows * 96];
        System.arraycopy(SIGNATURE, 0, buf, 0, SIGNATURE.length);
        pos = SIGNATURE.length;
        int32(0); // flags
        int32(0); // header extension length
    }

    CopyBinary row(int fields) {
        return int16(fields);
    }

    CopyBinary text(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        int32(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
        return this;
    }

    CopyBinary timestamp(Instant time) {
        int32(8);
        return int64(time.getEpochSecond() * 1_000_000L + time.getNano() / 1_000 - POSTGRES_EPOCH_MICROS);
    }

    CopyBinary float8(double value) {
        int32(8);
        return int64(Double.doubleToLongBits(value));
    }

    CopyBinary bool(boolean value) {
        int32(1);
        ensure(1);
        buf[pos++] = (byte) (value ? 1 : 0);
        return this;
    }

    CopyBinary int8(Long value) {
        if (value == null) {
            return int32(-1);
        }
        int32(8);
        return int64(value);
    }

    /** The finished stream, with its trailer. */
    byte[] finish() {
        int16(-1);
        return Arrays.copyOf(buf, pos);
    }

    private CopyBinary int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    private CopyBinary int32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    private CopyBinary int64(long v) {
        int32((int) (v >>> 32));
        return int32((int) v);
    }

    private void ensure(int n) {
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }
}
