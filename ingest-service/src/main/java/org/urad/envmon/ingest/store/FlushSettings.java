package org.urad.envmon.ingest.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param maxBatch most messages per transaction
 * @param maxWait how long a batch may wait to fill after its first message
 * @param retryMin first pause after a failed transaction; doubled up to {@code retryMax}
 * @param shutdownGrace how long shutdown waits for the last batches to commit
 * @param deadLetterDirectory where a message goes that even the quarantine table refuses
 */
public record FlushSettings(
        int maxBatch,
        Duration maxWait,
        Duration retryMin,
        Duration retryMax,
        Duration shutdownGrace,
        Path deadLetterDirectory) {}
