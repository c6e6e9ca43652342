package org.urad.envmon.ingest.notify;

import java.time.Instant;

/**
 * What a notification says about an alert: the event, the rule and the report item, the subject,
 * the period, the observed value, the target and the margin, with ready texts in Chinese and English.
 *
 * @param event {@code opened}, {@code escalated} or {@code resolved}; the notifier adds {@code reminder},
 *     {@code unacknowledged} (sent to the escalation channels) and {@code digest} (many alerts in one message,
 *     {@code alertId} 0)
 * @param ruleNameZh the rule in words (a digest counts alerts by it); {@code null}: the rule id
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
        String messageEn,
        String ruleNameZh,
        String ruleNameEn) {

    /** Without the rule's name in words. */
    public AlertMessage(
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
        this(
                alertId,
                event,
                ruleId,
                reportItem,
                subjectKind,
                subjectId,
                subjectName,
                parameter,
                severity,
                periodStart,
                periodEnd,
                observed,
                target,
                margin,
                unit,
                titleZh,
                titleEn,
                messageZh,
                messageEn,
                null,
                null);
    }

    /** The same alert told again as {@code event}, its titles prefixed. */
    public AlertMessage retold(String event, String prefixZh, String prefixEn) {
        return new AlertMessage(
                alertId,
                event,
                ruleId,
                reportItem,
                subjectKind,
                subjectId,
                subjectName,
                parameter,
                severity,
                periodStart,
                periodEnd,
                observed,
                target,
                margin,
                unit,
                prefixZh + titleZh,
                prefixEn + titleEn,
                messageZh,
                messageEn,
                ruleNameZh,
                ruleNameEn);
    }

    public String ruleName(String language) {
        String name = "en".equals(language) ? ruleNameEn : ruleNameZh;
        return name == null || name.isBlank() ? ruleId : name;
    }

    public String title(String language) {
        return "en".equals(language) ? titleEn : titleZh;
    }

    public String message(String language) {
        return "en".equals(language) ? messageEn : messageZh;
    }
}
