package org.urad.envmon.ingest.inbound.tcp;

import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.urad.envmon.ingest.metrics.RecoveryMetrics;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.CommandLog;
import org.urad.envmon.ingest.store.StoredTimes;

/**
 * Automatic recovery of the gaps in HJ 212 loggers' data, for the whole listener: what every connection's
 * {@link Hj212Recovery} shares. The clock is its own, so that the gaps of a simulated day can be recovered
 * in a test.
 */
public record HistoryRecovery(
        RecoverySettings settings,
        StoredTimes stored,
        CommandLog log,
        RecoveryMetrics metrics,
        Supplier<Registry> registry,
        Clock clock) {

    /** The recovery of one connection, whose commands go to {@code outbox} with QNs from {@code qns}. */
    Hj212Recovery open(Consumer<byte[]> outbox, QnSource qns) {
        return new Hj212Recovery(this, outbox, qns);
    }
}
