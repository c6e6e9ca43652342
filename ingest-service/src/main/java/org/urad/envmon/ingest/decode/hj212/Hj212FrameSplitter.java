package org.urad.envmon.ingest.decode.hj212;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;

/**
 * Cuts a TCP byte stream into HJ 212 frames, one instance per connection (not thread-safe).
 *
 * <p>A frame starts at {@code ##} followed by a digit and ends at the first CR LF; a frame whose
 * CR LF is missing ends where the next header starts, and the decoder then judges it. Bytes
 * before a header are discarded and reported, except line ends and spaces. A frame longer than the
 * limit is discarded and reported once, with everything up to the next header.
 */
public final class Hj212FrameSplitter {

    /** The 2017 text's largest data segment. */
    public static final int DEFAULT_MAX_SEGMENT = 1024;

    private static final int OVERHEAD = Hj212Codec.HEAD + Hj212Codec.CRC + 2;

    private final int maxFrame;
    private byte[] buffer = new byte[256];
    private int length;
    /** Dropping the rest of an oversize frame, up to the next header. */
    private boolean dropping;

    public Hj212FrameSplitter() {
        this(DEFAULT_MAX_SEGMENT);
    }

    /** @param maxSegment the longest data segment accepted, in bytes */
    public Hj212FrameSplitter(int maxSegment) {
        if (maxSegment < 0 || maxSegment > Hj212Codec.MAX_SEGMENT) {
            throw new IllegalArgumentException("maxSegment must be 0.." + Hj212Codec.MAX_SEGMENT);
        }
        this.maxFrame = maxSegment + OVERHEAD;
    }

    public Hj212Split feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    public Hj212Split feed(byte[] chunk, int offset, int count) {
        append(chunk, offset, count);
        List<byte[]> frames = new ArrayList<>();
        List<Rejection> discarded = new ArrayList<>();
        int pos = 0;
        while (true) {
            int start = header(pos);
            if (start < 0) {
                int keep = length > pos && buffer[length - 1] == '#' ? 1 : 0;
                skip(pos, length - keep, discarded);
                pos = length - keep;
                break;
            }
            skip(pos, start, discarded);
            dropping = false;
            int next = header(start + 2);
            int end = lineEnd(start + 2);
            if (next >= 0 && (end < 0 || next < end)) {
                end = next;
            }
            if (end < 0) {
                if (length - start > maxFrame) {
                    discarded.add(oversize(length - start));
                    dropping = true;
                    pos = buffer[length - 1] == '#' ? length - 1 : length;
                } else {
                    pos = start;
                }
                break;
            }
            if (end - start > maxFrame) {
                discarded.add(oversize(end - start));
            } else {
                frames.add(Arrays.copyOfRange(buffer, start, end));
            }
            pos = end;
        }
        compact(pos);
        return new Hj212Split(frames, discarded);
    }

    /** Bytes held back waiting for the rest of a frame. */
    public int buffered() {
        return length;
    }

    private void skip(int from, int to, List<Rejection> discarded) {
        if (to <= from || dropping) {
            return;
        }
        for (int i = from; i < to; i++) {
            byte b = buffer[i];
            if (b != '\r' && b != '\n' && b != ' ') {
                discarded.add(Rejection.of(
                        RejectReason.BAD_HEADER, "discarded " + (to - from) + " bytes that are not part of a frame"));
                return;
            }
        }
    }

    private Rejection oversize(int bytes) {
        return Rejection.of(
                RejectReason.PAYLOAD_TOO_LARGE,
                "discarded a frame of " + bytes + "+ bytes; at most " + maxFrame + " are accepted");
    }

    /** The first {@code ##} followed by a digit (or by the end of what has arrived) at or after {@code from}. */
    private int header(int from) {
        for (int i = from; i + 1 < length; i++) {
            if (buffer[i] == '#' && buffer[i + 1] == '#' && (i + 2 == length || isDigit(buffer[i + 2]))) {
                return i;
            }
        }
        return -1;
    }

    /** The index just past the first CR LF at or after {@code from}, or -1. */
    private int lineEnd(int from) {
        for (int i = from; i + 1 < length; i++) {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private void append(byte[] chunk, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(chunk, offset, buffer, length, count);
        length += count;
    }

    private void compact(int pos) {
        System.arraycopy(buffer, pos, buffer, 0, length - pos);
        length -= pos;
        if (buffer.length > 4 * maxFrame && length < maxFrame) {
            buffer = Arrays.copyOf(buffer, Math.max(256, length));
        }
    }
}
