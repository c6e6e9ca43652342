package org.urad.envmon.ingest.decode.hj212;

import java.util.List;
import org.urad.envmon.ingest.reading.Rejection;

/**
 * What one chunk of a TCP stream completed.
 *
 * @param frames whole frame candidates, {@code ##} to CR LF, in arrival order; still to be decoded
 * @param discarded bytes dropped on the way, with the reason (garbage, oversize frames)
 */
public record Hj212Split(List<byte[]> frames, List<Rejection> discarded) {

    public Hj212Split {
        frames = List.copyOf(frames);
        discarded = List.copyOf(discarded);
    }
}
