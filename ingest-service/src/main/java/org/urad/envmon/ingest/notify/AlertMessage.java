package org.urad.envmon.ingest.notify;

import java.time.Instant;

/**
 * What a notification says about an alert: the event, the rule and the report item, the subject,
 * the period, the observed value, the target and the margin, with ready texts in Chinese and English.
 *
 * @param event {@code opened}, {@code escalated} or {@code resolved}
 */
public record AlertMessage(
        long alertId,
        String event,
        String ruleId,
        String reportItem,
        String subjectKind,
        String subjectId,
        String subjectName,
        String parameter,
        String severity,
        Instant periodStart,
        Instant periodEnd,
        Double observed,
        Double target,
        Double margin,
        String unit,
        String titleZh,
        String titleEn,
        String messageZh,
        String messageEn) {

    public String title(String language) {
        return "en".equals(language) ? titleEn : titleZh;
    }

    public String message(String language) {
        return "en".equals(language) ? messageEn : messageZh;
    }
}
