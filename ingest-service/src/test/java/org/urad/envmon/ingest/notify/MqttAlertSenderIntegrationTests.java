package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.MosquittoTestBroker;
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

    @Test
    void aPublicationTheBrokerRefusesIsAFailedAttempt() throws Exception {
        Path binary = Path.of(System.getenv().getOrDefault("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto"));
        assumeTrue(Files.isExecutable(binary), "no mosquitto binary at " + binary);
        // GIVEN a broker whose ACL lets anonymous clients publish under allowed/ only
        Path dir = Files.createTempDirectory("alert-acl");
        Files.writeString(dir.resolve("acl"), "topic readwrite allowed/#\n");
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                "allow_anonymous true\nacl_file " + dir.resolve("acl") + "\npersistence false\n");
        MosquittoTestBroker broker = MosquittoTestBroker.launch(binary, dir.resolve("mosquitto.conf"));
        try (var allowed = new MqttAlertSender(broker.url(), null, null, null, "allowed", Duration.ofSeconds(5));
                var denied = new MqttAlertSender(broker.url(), null, null, null, "denied", Duration.ofSeconds(5))) {
            AlertMessage m = MessageBodiesTests.MESSAGE;
            // THEN the PUBACK's reason code 0x87 (not authorised) makes the attempt fail, to be retried
            assertThat(allowed.send(m, "zh")).isNull();
            assertThat(denied.send(m, "zh")).contains("refused").contains("0x87");
        } finally {
            broker.stop();
        }
    }

    @Test
    void neverPublishesUnderTheServicesSubscriptionClientId() {
        var service = new IngestProperties.Mqtt(
                "tcp://127.0.0.1:1883",
                "urad-ingest-1",
                null,
                null,
                "urad/v1",
                null,
                Duration.ofDays(7),
                10,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                IngestProperties.Tls.none());
        var same = new MqttNotifyProperties(
                true, null, null, null, "urad-ingest-1", "urad/v1", Duration.ofSeconds(5), IngestProperties.Tls.none());
        assertThatThrownBy(() -> MqttAlertSender.create(same, service))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must differ");
    }

    static long storedAlert(MigratedDatabase database) {
        return new JdbcTemplate(database.dataSource()).queryForObject("""
                INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity,
                                   message_zh, message_en, opened_at, last_seen_at)
                VALUES ('WQ_DISCHARGE_LIMIT', '—', 'device', 'WQ-01', 'breach', 'zh', 'en', now(), now())
                RETURNING id""", Long.class);
    }
}
