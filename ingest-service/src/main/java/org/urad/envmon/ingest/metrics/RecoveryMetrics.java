package org.urad.envmon.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of HJ 212 gap recovery (history requests 2051 / 2061 / 2031), named in one place. Tag: the
 * requested CN, a closed set of three; never a device.
 */
public final class RecoveryMetrics {

    public static final String REQUESTS_SENT = "ingest.hj212.recovery.requests.sent";
    public static final String REQUESTS_ANSWERED = "ingest.hj212.recovery.requests.answered";
    public static final String REQUESTS_FAILED = "ingest.hj212.recovery.requests.failed";
    public static final String RECORDS_RECOVERED = "ingest.hj212.recovery.records";

    /** Counts nothing (a listener without recovery). */
    public static final RecoveryMetrics NONE = new RecoveryMetrics(null);

    private final Counter[] sent = new Counter[3];
    private final Counter[] answered = new Counter[3];
    private final Counter[] failed = new Counter[3];
    private final Counter[] records = new Counter[3];

    private static final String[] CNS = {"2051", "2061", "2031"};

    public RecoveryMetrics(MeterRegistry registry) {
        if (registry == null) {
            return;
        }
        for (int i = 0; i < CNS.length; i++) {
            sent[i] = counter(registry, REQUESTS_SENT, "History requests sent to loggers (tries included)", CNS[i]);
            answered[i] = counter(
                    registry,
                    REQUESTS_ANSWERED,
                    "History requests the logger carried out (9012: done or no data)",
                    CNS[i]);
            failed[i] = counter(
                    registry,
                    REQUESTS_FAILED,
                    "History requests given up on after their last try (refused, failed or unanswered)",
                    CNS[i]);
            records[i] = Counter.builder(RECORDS_RECOVERED)
                    .description("Data records (one DataTime each) received in answer to history requests and stored")
                    .tag("cn", CNS[i])
                    .baseUnit("records")
                    .register(registry);
        }
    }

    private static Counter counter(MeterRegistry registry, String name, String description, String cn) {
        return Counter.builder(name)
                .description(description)
                .tag("cn", cn)
                .baseUnit("requests")
                .register(registry);
    }

    public void sent(String cn) {
        increment(sent, cn);
    }

    public void answered(String cn) {
        increment(answered, cn);
    }

    public void failed(String cn) {
        increment(failed, cn);
    }

    public void recovered(String cn) {
        increment(records, cn);
    }

    private static void increment(Counter[] counters, String cn) {
        for (int i = 0; i < CNS.length; i++) {
            if (CNS[i].equals(cn) && counters[i] != null) {
                counters[i].increment();
            }
        }
    }
}
