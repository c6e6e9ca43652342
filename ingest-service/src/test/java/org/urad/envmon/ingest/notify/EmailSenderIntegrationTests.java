package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.rules.AlertEventLog;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.NotifySettings;

/**
 * Verifies that alerts reach a real SMTP server (GreenMail) through the notifier's {@code email}
 * channel, and that an unreachable SMTP server ends as {@code notify_failed} in the alert's history
 * after retries for {@code max-age}, while the other channels go on delivering.
 */
class EmailSenderIntegrationTests {

    private MigratedDatabase database;
    private JdbcTemplate jdbc;
    private GreenMail smtp;
    private HttpServer webhook;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("mail");
        jdbc = new JdbcTemplate(database.dataSource());
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void tearDown() {
        webhook.stop(0);
        smtp.stop();
        database.close();
    }

    @Test
    void alertArrivesByMailInChineseWithRecipientsSubjectAndBody() throws Exception {
        long alertId = storedAlert();
        var email = new EmailNotifyProperties(
                true, List.of("duty@urad.example", "eeb@urad.example"), "alerts@urad.example", "[乌拉特中旗环境监测]", null);

        try (var notifier =
                notifier(List.of(), new EmailSender(mailer(smtp.getSmtp().getPort()), email, "zh"))) {
            notifier.submit(message(alertId));
            assertThat(awaitEvents(alertId, "notified", 1))
                    .singleElement()
                    .satisfies(detail -> assertThat(detail)
                            .contains("\"channel\": \"email\"")
                            .contains("\"attempts\": 1"));
        }

        // accepted by the server: one copy in each recipient's mailbox
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getRecipients(Message.RecipientType.TO))
                .extracting(Object::toString)
                .containsExactly("duty@urad.example", "eeb@urad.example");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("alerts@urad.example");
        assertThat(received.getSubject()).isEqualTo("[乌拉特中旗环境监测] 【超标】CEMS校准偏差超标 - 焦炉烟气总排口");
        assertThat((String) received.getContent())
                .contains("焦炉烟气总排口 a21026：校准偏差 50%，允许偏差 2.5%，超出允许偏差 47.5 个百分点")
                .contains("对应整改报告第30项")
                .contains("CEMS-1");
    }

    @Test
    void alertMailIsInEnglishWhenAskedFor() throws Exception {
        long alertId = storedAlert();
        var email = new EmailNotifyProperties(true, List.of("duty@urad.example"), "alerts@urad.example", "", "en");

        try (var notifier =
                notifier(List.of(), new EmailSender(mailer(smtp.getSmtp().getPort()), email, "zh"))) {
            notifier.submit(message(alertId));
            assertThat(awaitEvents(alertId, "notified", 1)).hasSize(1);
        }

        MimeMessage received = smtp.getReceivedMessages()[0];
        assertThat(received.getSubject()).isEqualTo("[breach] CEMS calibration deviation - 焦炉烟气总排口");
        assertThat((String) received.getContent())
                .contains("47.5 percentage points over the allowed deviation")
                .contains("report item 30");
    }

    @Test
    void channelIsConfiguredBySpringMailAndIngestNotifyEmailKeys() throws Exception {
        long alertId = storedAlert();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MailSenderAutoConfiguration.class))
                .withUserConfiguration(EmailKeys.class)
                .withPropertyValues(
                        "spring.mail.host=127.0.0.1",
                        "spring.mail.port=" + smtp.getSmtp().getPort(),
                        "ingest.notify.email.enabled=true",
                        "ingest.notify.email.to=duty@urad.example,eeb@urad.example",
                        "ingest.notify.email.from=alerts@urad.example")
                .run(context -> {
                    var email = context.getBean(EmailNotifyProperties.class);
                    assertThat(email.to()).containsExactly("duty@urad.example", "eeb@urad.example");
                    var sender = new EmailSender(
                            EmailSender.withTimeouts(context.getBean(JavaMailSender.class), Duration.ofSeconds(5)),
                            email,
                            "zh");
                    try (var notifier = notifier(List.of(), sender)) {
                        notifier.submit(message(alertId));
                        assertThat(awaitEvents(alertId, "notified", 1)).hasSize(1);
                    }
                });

        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("[乌拉特中旗环境监测] 【超标】");
    }

    @EnableConfigurationProperties(EmailNotifyProperties.class)
    static class EmailKeys {}

    @Test
    void unreachableSmtpServerIsRecordedAsNotifyFailedAfterTheRetriesWhileWebhooksDeliver() throws Exception {
        long alertId = storedAlert();
        var email = new EmailNotifyProperties(true, List.of("duty@urad.example"), "alerts@urad.example", "", null);
        var hook = new NotifyProperties.Channel(
                "ops",
                "webhook",
                URI.create("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook"));

        try (var notifier = notifier(List.of(hook), new EmailSender(mailer(closedPort()), email, "zh"))) {
            notifier.submit(message(alertId));
            // the webhook is not held up behind the failing mail server
            assertThat(awaitEvents(alertId, "notified", 1))
                    .singleElement()
                    .satisfies(detail -> assertThat(detail).contains("\"channel\": \"ops\""));
            assertThat(awaitEvents(alertId, "notify_failed", 1))
                    .singleElement()
                    .satisfies(detail -> assertThat(detail)
                            .contains("\"channel\": \"email\"")
                            .containsPattern("\"attempts\": ([2-9]|\\d\\d)")
                            .contains("SMTP"));
        }
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    private Notifier notifier(List<NotifyProperties.Channel> channels, EmailSender email) {
        var properties = NotifySettings.fast(channels, Duration.ofSeconds(1), null);
        return new Notifier(
                        properties,
                        database.dataSource(),
                        new RuleMetrics(new SimpleMeterRegistry()),
                        new AlertEventLog(jdbc),
                        Clock.systemUTC(),
                        null,
                        email)
                .start();
    }

    private long storedAlert() {
        return jdbc.queryForObject("""
                INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, parameter, severity,
                                   message_zh, message_en, opened_at, last_seen_at)
                VALUES ('CEMS_CALIBRATION_DRIFT', '30', 'device', 'CEMS-1', 'a21026', 'breach', 'zh', 'en', now(), now())
                RETURNING id""", Long.class);
    }

    private static AlertMessage message(long alertId) {
        return new AlertMessage(
                alertId,
                "opened",
                "CEMS_CALIBRATION_DRIFT",
                "30",
                "device",
                "CEMS-1",
                "焦炉烟气总排口",
                "a21026",
                "breach",
                Instant.parse("2025-10-29T16:00:00Z"),
                Instant.parse("2025-10-30T16:00:00Z"),
                50.0,
                2.5,
                47.5,
                "%",
                "【超标】CEMS校准偏差超标 - 焦炉烟气总排口",
                "[breach] CEMS calibration deviation - 焦炉烟气总排口",
                "焦炉烟气总排口 a21026：校准偏差 50%，允许偏差 2.5%，超出允许偏差 47.5 个百分点（2025-10-30），对应整改报告第30项。",
                "焦炉烟气总排口 a21026: calibration deviation 50 %, allowed 2.5 %: 47.5 percentage points over the"
                        + " allowed deviation (2025-10-30), report item 30.");
    }

    private List<String> events(long alertId, String kind) {
        return jdbc.queryForList(
                "SELECT detail::text FROM alert_event WHERE alert_id = ? AND kind = ? ORDER BY id",
                String.class,
                alertId,
                kind);
    }

    private List<String> awaitEvents(long alertId, String kind, int count) throws InterruptedException {
        List<String> found = events(alertId, kind);
        for (int i = 0; i < 200 && found.size() < count; i++) {
            Thread.sleep(50);
            found = events(alertId, kind);
        }
        return found;
    }

    private static JavaMailSender mailer(int port) {
        JavaMailSenderImpl mailer = new JavaMailSenderImpl();
        mailer.setHost("127.0.0.1");
        mailer.setPort(port);
        return EmailSender.withTimeouts(mailer, Duration.ofSeconds(5));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
