package org.urad.envmon.ingest.console;

import java.time.Instant;

/** One alert as the console lists it, with the township and village it belongs to (when it has one). */
record AlertRow(
        long id,
        String ruleId,
        String reportItem,
        String subjectKind,
        String subjectId,
        String subjectName,
        String parameter,
        String severity,
        String state,
        Instant periodStart,
        Instant periodEnd,
        Double observed,
        Double target,
        Double margin,
        String unit,
        String messageZh,
        String messageEn,
        String evidence,
        Instant openedAt,
        Instant lastSeenAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        String ackComment,
        Instant resolvedAt,
        String township,
        String villageId,
        String villageName) {

    public String message(boolean english) {
        return english ? messageEn : messageZh;
    }
}
