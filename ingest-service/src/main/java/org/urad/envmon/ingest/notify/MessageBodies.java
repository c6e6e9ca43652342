package org.urad.envmon.ingest.notify;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies for each channel type, as each API expects them, with a link to the alert's console
 * page when the console's URL is configured, and the channel's @mentions.
 */
public final class MessageBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private MessageBodies() {}

    public static String body(String type, AlertMessage m, String language) {
        return body(new NotifyProperties.Channel("", type, URI.create("http://localhost/")), m, language, null);
    }

    /** The body for {@code channel}; {@code link} (may be {@code null}) is the alert's console page. */
    static String body(NotifyProperties.Channel channel, AlertMessage m, String language, String link) {
        return switch (channel.type()) {
            case "wecom" -> wecom(m, language, link, channel.mentionMobiles(), channel.mentionUserIds());
            case "dingtalk" -> dingtalk(m, language, link, channel.mentionMobiles(), channel.mentionUserIds());
            default -> webhook(m, language, link);
        };
    }

    /**
     * The console page of the message's alert under {@code consoleUrl} ({@code console/alerts/{id}}), or
     * the alert list for a digest; {@code null} when no console URL is configured.
     */
    static String link(URI consoleUrl, AlertMessage m) {
        if (consoleUrl == null) {
            return null;
        }
        String base = consoleUrl.toString().endsWith("/") ? consoleUrl.toString() : consoleUrl + "/";
        return base + (m.alertId() > 0 ? "console/alerts/" + m.alertId() : "console/alerts");
    }

    static String webhook(AlertMessage m, String language) {
        return webhook(m, language, null);
    }

    /** Generic webhook: every field of the alert, plus the text in the configured language. */
    static String webhook(AlertMessage m, String language, String link) {
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
        if (link != null) {
            body.put("console_url", link);
        }
        return JSON.writeValueAsString(body);
    }

    /**
     * 企业微信 group robot: {"msgtype":"markdown","markdown":{"content":…}}. The robot's markdown cannot
     * @ by phone number, so with mentions the message is sent as text with {@code mentioned_list} and
     * {@code mentioned_mobile_list}.
     */
    static String wecom(AlertMessage m, String language, String link, List<String> mobiles, List<String> userIds) {
        if (mobiles.isEmpty() && userIds.isEmpty()) {
            return JSON.writeValueAsString(
                    ordered("msgtype", "markdown", "markdown", ordered("content", markdown(m, language, link))));
        }
        String text = m.title(language) + "\n" + m.message(language) + (link == null ? "" : "\n" + link);
        return JSON.writeValueAsString(ordered(
                "msgtype",
                "text",
                "text",
                ordered("content", text, "mentioned_list", userIds, "mentioned_mobile_list", mobiles)));
    }

    /**
     * 钉钉 group robot: {"msgtype":"markdown","markdown":{"title":…,"text":…},"at":{…}}; a mention shows
     * only when the text names the person too, so each is added as {@code @…} at the end.
     */
    static String dingtalk(AlertMessage m, String language, String link, List<String> mobiles, List<String> userIds) {
        StringBuilder text = new StringBuilder(markdown(m, language, link));
        if (!mobiles.isEmpty() || !userIds.isEmpty()) {
            text.append("\n\n");
            mobiles.forEach(x -> text.append('@').append(x).append(' '));
            userIds.forEach(x -> text.append('@').append(x).append(' '));
        }
        return JSON.writeValueAsString(ordered(
                "msgtype",
                "markdown",
                "markdown",
                ordered("title", m.title(language), "text", text.toString().strip()),
                "at",
                ordered("atMobiles", mobiles, "atUserIds", userIds, "isAtAll", false)));
    }

    private static Map<String, Object> ordered(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static String markdown(AlertMessage m, String language, String link) {
        String more = "en".equals(language) ? "Open in the console" : "在控制台查看";
        return "### " + m.title(language) + "\n" + m.message(language)
                + (link == null ? "" : "\n\n[" + more + "](" + link + ")");
    }

    /** E-mail: plain text, the title and the alert's sentence as the robots get them, then where it stands. */
    static String mail(AlertMessage m, String language) {
        return mail(m, language, null);
    }

    static String mail(AlertMessage m, String language, String link) {
        boolean en = "en".equals(language);
        String item = m.reportItem() == null || "—".equals(m.reportItem()) ? "—" : m.reportItem();
        return m.title(language) + "\n\n" + m.message(language) + "\n\n"
                + (en ? "Alert " : "告警编号 ") + m.alertId() + (en ? ", rule " : "，规则 ") + m.ruleId()
                + (en ? ", subject " : "，对象 ") + m.subjectId() + (en ? ", report item " : "，整改报告项 ")
                + item + "\n" + (link == null ? "" : "\n" + link + "\n");
    }
}
