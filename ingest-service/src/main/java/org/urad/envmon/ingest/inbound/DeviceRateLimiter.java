package org.urad.envmon.ingest.inbound;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per device: {@code perMinute} messages a minute sustained, up to {@code burst} at once. The
 * processor charges only senders that passed the sender check (a registered, active device, with the right
 * HJ 212 PW), so a sender inventing ids or guessing passwords can neither grow this map nor take a registered
 * device's share; a {@code null} device shares one bucket. Safe for the MQTT callback and the HJ 212
 * connection threads at once; time comes from the caller, so tests need no sleeping.
 */
final class DeviceRateLimiter {

    static final String UNREGISTERED = "\u0000unregistered";

    private final double tokensPerMilli;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    DeviceRateLimiter(int perMinute, int burst) {
        this.tokensPerMilli = perMinute / 60_000.0;
        this.burst = burst;
    }

    boolean enabled() {
        return tokensPerMilli > 0;
    }

    /** Takes a token from {@code device}'s bucket ({@code null}: the shared unregistered bucket). */
    boolean tryAcquire(String device, long nowMillis) {
        if (!enabled()) {
            return true;
        }
        return buckets.computeIfAbsent(device == null ? UNREGISTERED : device, d -> new Bucket(burst, nowMillis))
                .take(nowMillis, tokensPerMilli, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        synchronized boolean take(long now, double refillPerMilli, double capacity) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) * refillPerMilli);
                last = now;
            }
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
