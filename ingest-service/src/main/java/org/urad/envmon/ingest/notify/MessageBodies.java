package org.urad.envmon.ingest.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Request bodies for each channel type, as each API expects them. */
public final class MessageBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessageBodies() {}

    public static String body(String type, AlertMessage m, String language) {
        return switch (type) {
            case "wecom" -> wecom(m, language);
            case "dingtalk" -> dingtalk(m, language);
            default -> webhook(m, language);
        };
    }

    /** Generic webhook: every field of the alert, plus the text in the configured language. */
    static String webhook(AlertMessage m, String language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert_id", m.alertId());
        body.put("event", m.event());
        body.put("rule_id", m.ruleId());
        body.put("report_item", m.reportItem());
        body.put("subject_kind", m.subjectKind());
        body.put("subject_id", m.subjectId());
        body.put("subject_name", m.subjectName());
        body.put("parameter", m.parameter());
        body.put("severity", m.severity());
        body.put(
                "period_start", m.periodStart() == null ? null : m.periodStart().toString());
        body.put("period_end", m.periodEnd() == null ? null : m.periodEnd().toString());
        body.put("observed", m.observed());
        body.put("target", m.target());
        body.put("margin", m.margin());
        body.put("unit", m.unit());
        body.put("title", m.title(language));
        body.put("message", m.message(language));
        body.put("message_zh", m.messageZh());
        body.put("message_en", m.messageEn());
        return JSON.writeValueAsString(body);
    }

    /** 企业微信 group robot: {"msgtype":"markdown","markdown":{"content":…}}. */
    static String wecom(AlertMessage m, String language) {
        return JSON.writeValueAsString(
                ordered("msgtype", "markdown", "markdown", ordered("content", markdown(m, language))));
    }

    /** 钉钉 group robot: {"msgtype":"markdown","markdown":{"title":…,"text":…}}. */
    static String dingtalk(AlertMessage m, String language) {
        return JSON.writeValueAsString(ordered(
                "msgtype", "markdown", "markdown", ordered("title", m.title(language), "text", markdown(m, language))));
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String markdown(AlertMessage m, String language) {
        return "### " + m.title(language) + "\n" + m.message(language);
    }

    /** E-mail: plain text, the title and the alert's sentence as the robots get them, then where it stands. */
    static String mail(AlertMessage m, String language) {
        boolean en = "en".equals(language);
        String item = m.reportItem() == null || "—".equals(m.reportItem()) ? "—" : m.reportItem();
        return m.title(language) + "\n\n" + m.message(language) + "\n\n"
                + (en ? "Alert " : "告警编号 ") + m.alertId() + (en ? ", rule " : "，规则 ") + m.ruleId()
                + (en ? ", subject " : "，对象 ") + m.subjectId() + (en ? ", report item " : "，整改报告项 ")
                + item + "\n";
    }
}
