package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.metrics.RuleMetrics;

/**
 * Verifies that repeats are suppressed but a change of state never is: an alert raised again right
 * after it was resolved reaches the channel, so the chat's last word is the alert's state.
 */
class NotifierRepeatTests {

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private Notifier notifier;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        notifier = new Notifier(
                new NotifyProperties(
                        "zh",
                        List.of(new NotifyProperties.Channel("ops", "webhook", url)),
                        3,
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(5),
                        Duration.ofHours(1),
                        100),
                new RuleMetrics(new SimpleMeterRegistry()),
                DeliveryListener.NONE,
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        notifier.close();
        receiver.stop(0);
    }

    @Test
    void sendsAnAlertRaisedAgainAfterItsResolutionButNotARepeat() throws Exception {
        // WHEN an alert is raised, raised again (a repeat), resolved and raised again within the interval
        notifier.submit(message(1, "raised"));
        awaitReceived(1);
        notifier.submit(message(1, "raised"));
        notifier.submit(message(1, "resolved"));
        awaitReceived(2);
        notifier.submit(message(2, "raised"));
        awaitReceived(3);
        Thread.sleep(200);

        // THEN the repeat was suppressed and the re-opened alert was sent: the last word is "raised"
        assertThat(received).hasSize(3);
        assertThat(received.get(0)).contains("\"event\":\"raised\"");
        assertThat(received.get(1)).contains("\"event\":\"resolved\"");
        assertThat(received.get(2)).contains("\"event\":\"raised\"").contains("\"alert_id\":2");
    }

    private void awaitReceived(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(n);
    }

    private static AlertMessage message(long id, String event) {
        return new AlertMessage(
                id,
                event,
                "CEMS_CALIBRATION_DRIFT",
                "30",
                "device",
                "CEMS-TEST",
                "测试焦炉烟气总排口",
                "a21026",
                "breach",
                Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2026-12-01T01:00:00Z"),
                47.5,
                2.5,
                45.0,
                "%",
                "标定漂移",
                "calibration drift",
                "漂移超限",
                "drift beyond the limit");
    }
}
