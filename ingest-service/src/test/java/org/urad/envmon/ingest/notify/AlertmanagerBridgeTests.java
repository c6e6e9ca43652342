package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verifies that the stack's own alerts reach the chat group: Alertmanager's webhook JSON (a golden
 * notification) posted to the bridge arrives at a local DingTalk-style robot, signed, with the alert's
 * summary and the @mentions; a chat that is away answers 502 so that Alertmanager tries again.
 */
class AlertmanagerBridgeTests {

    private static final String SECRET = "SEC9d1c0b2a3f4e5d6c7b8a9f0e1d2c3b4a";

    @Test
    void aFiringGroupArrivesSignedWithItsSummaryAndMentions() throws Exception {
        try (ChatRobot robot = new ChatRobot(SECRET);
                var bridge = new AlertmanagerBridge(channel(robot.url()), "zh", 0)) {
            HttpResponse<String> answer = post(bridge, golden());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(robot.refused()).isEmpty();
            assertThat(robot.received())
                    .singleElement()
                    .satisfies(r -> assertThat(r.body())
                            .contains("【监控严重】IngestFlusherStalled")
                            .contains("ingest:8080 数据库写入停滞 2m 5s / writer stalled")
                            .contains("\"atMobiles\":[\"13900002222\"]"));
        }
    }

    @Test
    void aChatThatIsAwayMakesAlertmanagerTryAgain() throws Exception {
        ChatRobot robot = new ChatRobot(SECRET);
        robot.down();
        try (var bridge = new AlertmanagerBridge(channel(robot.url()), "zh", 0)) {
            assertThat(post(bridge, golden()).statusCode()).isEqualTo(502);
            assertThat(post(bridge, "{\"alerts\":[]}").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theChatComesFromTheEnvironmentAndAnEmptyUrlMeansNone() {
        var channel = AlertmanagerBridge.channel(Map.of(
                "ALERT_CHAT_TYPE", "wecom",
                "ALERT_CHAT_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
                "ALERT_CHAT_MENTION_USER_IDS", "zhangsan, lisi"));
        assertThat(channel.type()).isEqualTo("wecom");
        assertThat(channel.secret()).isNull();
        assertThat(channel.mentionUserIds()).containsExactly("zhangsan", "lisi");
        assertThat(channel.mentionMobiles()).isEmpty();
        assertThat(AlertmanagerBridge.channel(Map.of("ALERT_CHAT_URL", " "))).isNull();
    }

    private static NotifyProperties.Channel channel(URI url) {
        return new NotifyProperties.Channel(
                "monitoring", "dingtalk", url, SECRET, List.of("13900002222"), List.of(), 0, Duration.ofMinutes(1));
    }

    private static HttpResponse<String> post(AlertmanagerBridge bridge, String body) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.port() + "/alertmanager"))
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String golden() throws Exception {
        try (InputStream in = AlertmanagerBridgeTests.class.getResourceAsStream("/deploy/alertmanager-webhook.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
