package org.urad.envmon.ingest.registry;

import org.urad.envmon.ingest.reading.Family;

/**
 * An online monitor (CEMS or water quality) at an enterprise's or plant's outlet. {@code mn} and
 * {@code password} identify it in HJ 212 frames; the password never appears in {@link #toString()}.
 */
public record Monitor(
        String deviceId,
        Family kind,
        String enterprise,
        String outlet,
        String mn,
        String password,
        boolean hasAutoSampler,
        boolean autoCalibration) {

    @Override
    public String toString() {
        return "Monitor[deviceId=%s, kind=%s, enterprise=%s, outlet=%s, mn=%s, hasAutoSampler=%s, autoCalibration=%s]"
                .formatted(deviceId, kind.code(), enterprise, outlet, mn, hasAutoSampler, autoCalibration);
    }
}
