package org.urad.envmon.ingest.simulator;

/**
 * Deterministic pseudo-random numbers: the same seed, device, channel and tick always give the
 * same number, so any instant can be simulated on its own, in any order, on any thread.
 */
final class Noise {

    private Noise() {}

    /** A uniform number in [0, 1). */
    static double uniform(long seed, String key, int channel, long tick) {
        long h = mix(seed * 0x9E3779B97F4A7C15L + key.hashCode());
        h = mix(h ^ (channel * 0xC2B2AE3D27D4EB4FL));
        h = mix(h ^ tick);
        return (h >>> 11) * 0x1.0p-53;
    }

    /** A uniform number in [-1, 1). */
    static double signed(long seed, String key, int channel, long tick) {
        return 2 * uniform(seed, key, channel, tick) - 1;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
