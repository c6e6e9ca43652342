package org.urad.envmon.ingest.notify;

import java.time.Instant;

/**
 * One notification on its way: a row of {@code notification_outbox} as the notifier claimed it.
 *
 * @param kind {@code event}, {@code reminder}, {@code escalation} or {@code digest}
 * @param attempts attempts so far, this one included
 */
record OutboxRow(long id, String channel, String kind, int attempts, Instant createdAt, AlertMessage message) {}
