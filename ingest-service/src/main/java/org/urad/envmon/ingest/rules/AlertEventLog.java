package org.urad.envmon.ingest.rules;

import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.notify.AlertMessage;
import org.urad.envmon.ingest.notify.DeliveryListener;
import tools.jackson.databind.json.JsonMapper;

/** Records each notification's fate in the alert's history (notified / notify_failed). */
public final class AlertEventLog implements DeliveryListener {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;

    public AlertEventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void delivered(AlertMessage message, String channel, int attempts) {
        insert(
                message.alertId(),
                "notified",
                Map.of("channel", channel, "event", message.event(), "attempts", attempts));
    }

    @Override
    public void failed(AlertMessage message, String channel, int attempts, String reason) {
        insert(
                message.alertId(),
                "notify_failed",
                Map.of("channel", channel, "event", message.event(), "attempts", attempts, "reason", reason));
    }

    private void insert(long alertId, String kind, Map<String, Object> detail) {
        jdbc.update(
                "INSERT INTO alert_event (alert_id, kind, actor, detail) VALUES (?, ?, 'notifier', ?::jsonb)",
                alertId,
                kind,
                JSON.writeValueAsString(detail));
    }
}
