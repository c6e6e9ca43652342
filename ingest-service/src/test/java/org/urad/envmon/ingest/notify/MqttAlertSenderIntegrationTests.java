package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.MqttProbe;
import org.urad.envmon.ingest.support.NotifySettings;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that an alert reaches its MQTT topic as JSON through the notifier's {@code mqtt} channel. */
class MqttAlertSenderIntegrationTests {

    @Test
    void alertIsPublishedToItsRuleAndSubjectTopic() throws Exception {
        String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String url = TestServices.mqttUrl();
        BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        DeliveryListener listener = new DeliveryListener() {
            @Override
            public void delivered(AlertMessage message, String channel, int attempts) {
                delivered.add(channel);
            }

            @Override
            public void failed(AlertMessage message, String channel, int attempts, String reason) {
                delivered.add("failed: " + reason);
            }
        };
        var properties = NotifySettings.fast(List.of());
        MqttProbe probe = new MqttProbe(url, "probe-" + prefix).connect();
        try (var database = MigratedDatabase.create("mqttalert");
                var notifier = new Notifier(
                                properties,
                                database.dataSource(),
                                new RuleMetrics(new SimpleMeterRegistry()),
                                listener,
                                Clock.systemUTC(),
                                new MqttAlertSender(url, null, null, null, prefix, Duration.ofSeconds(5)),
                                null)
                        .start()) {
            probe.subscribe(prefix + "/alerts/WQ_DISCHARGE_LIMIT/WQ-01");
            notifier.submit(new AlertMessage(
                    storedAlert(database),
                    "opened",
                    "WQ_DISCHARGE_LIMIT",
                    "—",
                    "device",
                    "WQ-01",
                    "洁源污水处理有限公司",
                    "w01018",
                    "breach",
                    Instant.parse("2025-11-02T16:00:00Z"),
                    Instant.parse("2025-11-03T16:00:00Z"),
                    80.0,
                    50.0,
                    30.0,
                    "mg/L",
                    "t",
                    "[breach] daily discharge mean over the limit",
                    "m",
                    "COD 80 mg/L"));

            String body = probe.next(10);
            assertThat(body)
                    .isNotNull()
                    .contains("\"rule_id\":\"WQ_DISCHARGE_LIMIT\"")
                    .contains("\"subject_id\":\"WQ-01\"")
                    .contains("\"margin\":30.0");
            assertThat(delivered.poll(10, TimeUnit.SECONDS)).isEqualTo("mqtt");
        } finally {
            probe.close();
        }
    }

    static long storedAlert(MigratedDatabase database) {
        return new JdbcTemplate(database.dataSource()).queryForObject("""
                INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity,
                                   message_zh, message_en, opened_at, last_seen_at)
                VALUES ('WQ_DISCHARGE_LIMIT', '—', 'device', 'WQ-01', 'breach', 'zh', 'en', now(), now())
                RETURNING id""", Long.class);
    }
}
