package org.urad.envmon.ingest.notify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A storm in one message: when a channel's backlog exceeds its rate limit, the notifications are
 * counted by rule and event (a 4G outage that silences 557 wells is one line "设备离线：新告警 557"),
 * and the message links to the console's alert list.
 */
final class Digests {

    /** Lines beyond this are summed up as "other". */
    static final int MAX_LINES = 15;

    private Digests() {}

    static AlertMessage digest(List<AlertMessage> messages) {
        Map<String, Integer> zh = counts(messages, "zh");
        Map<String, Integer> en = counts(messages, "en");
        int n = messages.size();
        String titleZh = "【告警汇总】" + n + " 条告警通知";
        String titleEn = "[digest] " + n + " alert notifications";
        return new AlertMessage(
                0,
                "digest",
                "DIGEST",
                "—",
                "digest",
                "—",
                "—",
                "",
                "digest",
                null,
                null,
                null,
                null,
                null,
                null,
                titleZh,
                titleEn,
                lines(zh, "其他", "短时间内的告警过多，已合并为一条：\n"),
                lines(en, "other", "Too many alerts at once, merged into one message:\n"),
                "告警汇总",
                "digest");
    }

    private static Map<String, Integer> counts(List<AlertMessage> messages, String language) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (AlertMessage m : messages) {
            String key = m.ruleName(language) + ("en".equals(language) ? ": " : "：") + event(m.event(), language);
            counts.merge(key, 1, Integer::sum);
        }
        return counts;
    }

    private static String lines(Map<String, Integer> counts, String other, String lead) {
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        StringBuilder out = new StringBuilder(lead);
        int rest = 0;
        for (int i = 0; i < sorted.size(); i++) {
            if (i < MAX_LINES) {
                out.append("- ")
                        .append(sorted.get(i).getKey())
                        .append(' ')
                        .append(sorted.get(i).getValue())
                        .append('\n');
            } else {
                rest += sorted.get(i).getValue();
            }
        }
        if (rest > 0) {
            out.append("- ").append(other).append(' ').append(rest).append('\n');
        }
        return out.toString().strip();
    }

    static String event(String event, String language) {
        boolean en = "en".equals(language);
        return switch (event) {
            case "opened" -> en ? "opened" : "新告警";
            case "escalated" -> en ? "escalated to breach" : "升级为超标";
            case "resolved" -> en ? "resolved" : "已恢复";
            case "reminder" -> en ? "still open" : "仍未处理";
            case "unacknowledged" -> en ? "unacknowledged" : "长时间未确认";
            default -> event;
        };
    }
}
