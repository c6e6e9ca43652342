package org.urad.envmon.ingest.extract;

import java.time.Instant;

/**
 * One data mark of a monitor that overlaps the extract's period, in its current version: what it says the
 * period was, who made it and when (late when made after its deadline), and the bureau's review.
 * {@code hoursInPeriod} is the part of the mark inside the period, in hours; only accepted marks change
 * the figures (see docs/marks.md).
 */
public record MarkLine(
        long markId,
        int version,
        String deviceId,
        String monitor,
        String parameter,
        Instant startsAt,
        Instant endsAt,
        double hoursInPeriod,
        String kind,
        String kindZh,
        String reason,
        String evidence,
        String source,
        String author,
        Instant madeAt,
        boolean late,
        String status,
        String reviewer,
        String reviewReason) {}
