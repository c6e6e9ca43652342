package org.urad.envmon.ingest.inbound.tcp;

import java.time.Instant;

/**
 * A span of a logger's history to ask for: its kind and the first and last second of the span, both
 * inclusive (as HJ 212 BeginTime and EndTime are). The span lies strictly between stored records.
 */
record HistoryGap(HistoryKind kind, Instant begin, Instant end) {}
