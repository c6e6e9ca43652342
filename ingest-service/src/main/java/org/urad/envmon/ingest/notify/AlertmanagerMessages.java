package org.urad.envmon.ingest.notify;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Alertmanager webhook notification (a group of the stack's own alerts, firing or resolved) as
 * one chat message: the alert name and count in the title, each alert's summary as a line.
 */
final class AlertmanagerMessages {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int MAX_LINES = 20;

    private AlertmanagerMessages() {}

    /** @throws IllegalArgumentException when the body is not an Alertmanager notification */
    static AlertMessage message(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        JsonNode alerts = root.path("alerts");
        if (!alerts.isArray() || alerts.isEmpty()) {
            throw new IllegalArgumentException("no alerts in the notification");
        }
        boolean resolved = "resolved".equals(root.path("status").asString(""));
        String name = text(
                root.path("groupLabels").path("alertname"),
                text(alerts.get(0).path("labels").path("alertname"), "alert"));
        String severity = text(root.path("commonLabels").path("severity"), "warning");
        List<String> lines = new ArrayList<>();
        for (JsonNode a : alerts) {
            if (lines.size() == MAX_LINES) {
                lines.add("… +" + (alerts.size() - MAX_LINES));
                break;
            }
            String state = "resolved".equals(text(a.path("status"), "")) ? "✓ " : "";
            lines.add("- " + state
                    + text(
                            a.path("annotations").path("summary"),
                            text(a.path("labels").path("alertname"), name)) + " ("
                    + text(a.path("labels").path("instance"), "—") + ", " + text(a.path("startsAt"), "") + ")");
        }
        String count = alerts.size() > 1 ? " ×" + alerts.size() : "";
        String titleZh = (resolved ? "【监控已恢复】" : "critical".equals(severity) ? "【监控严重】" : "【监控告警】") + name + count;
        String titleEn = (resolved ? "[monitoring resolved] " : "[monitoring " + severity + "] ") + name + count;
        String text = String.join("\n", lines);
        return new AlertMessage(
                0,
                resolved ? "resolved" : "firing",
                name,
                "—",
                "pipeline",
                "—",
                "—",
                "",
                severity,
                null,
                null,
                null,
                null,
                null,
                null,
                titleZh,
                titleEn,
                text,
                text,
                name,
                name);
    }

    private static String text(JsonNode node, String fallback) {
        return node == null
                        || node.isMissingNode()
                        || node.isNull()
                        || node.asString("").isBlank()
                ? fallback
                : node.asString();
    }
}
