package org.urad.envmon.ingest.inbound.tcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a SZY 206 or SL 651 byte stream into frame candidates by their headers' lengths; bytes where no frame
 * starts are handed back as garbage. Checks nothing else: the codec refuses a bad candidate. Not thread-safe.
 */
final class TerminalFramer {

    /** What one chunk completed: frame candidates, and runs of bytes that belong to no frame. */
    record Split(List<byte[]> frames, List<byte[]> garbage) {}

    private final TerminalProtocol protocol;
    private byte[] buffer = new byte[1024];
    private int size;

    TerminalFramer(TerminalProtocol protocol) {
        this.protocol = protocol;
    }

    Split feed(byte[] chunk, int offset, int n) {
        if (size + n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + n));
        }
        System.arraycopy(chunk, offset, buffer, size, n);
        size += n;
        List<byte[]> frames = new ArrayList<>();
        List<byte[]> garbage = new ArrayList<>();
        int at = 0;
        int garbageFrom = -1;
        while (at < size) {
            int length = protocol.frameLength(buffer, at, size - at);
            if (length == TerminalProtocol.NOT_A_FRAME || length > protocol.maxFrame()) {
                garbageFrom = garbageFrom < 0 ? at : garbageFrom;
                at++;
                continue;
            }
            if (garbageFrom >= 0) {
                garbage.add(Arrays.copyOfRange(buffer, garbageFrom, at));
                garbageFrom = -1;
            }
            if (length == TerminalProtocol.NEED_MORE || length > size - at) {
                break; // the rest of the header or of the frame has not arrived yet
            }
            frames.add(Arrays.copyOfRange(buffer, at, at + length));
            at += length;
        }
        if (garbageFrom >= 0) {
            garbage.add(Arrays.copyOfRange(buffer, garbageFrom, at));
        }
        System.arraycopy(buffer, at, buffer, 0, size - at);
        size -= at;
        return new Split(frames, garbage);
    }
}
