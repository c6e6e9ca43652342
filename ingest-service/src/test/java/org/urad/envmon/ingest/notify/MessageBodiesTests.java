package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the request bodies have the shape each group-robot API expects. */
class MessageBodiesTests {

    static final AlertMessage MESSAGE = new AlertMessage(
            7,
            "opened",
            "CEMS_CALIBRATION_DRIFT",
            "30",
            "device",
            "CEMS-1",
            "焦炉烟气总排口",
            "a21026",
            "breach",
            Instant.EPOCH,
            Instant.EPOCH,
            50.0,
            2.5,
            47.5,
            "%",
            "【超标】CEMS校准偏差超标",
            "[breach] CEMS calibration deviation",
            "超出允许偏差 47.5 个百分点",
            "47.5 percentage points over the allowed deviation");

    @Test
    void weComRobotGetsMarkdownContent() {
        assertThat(MessageBodies.body("wecom", MESSAGE, "zh"))
                .startsWith(
                        "{\"msgtype\":\"markdown\",\"markdown\":{\"content\":\"### 【超标】CEMS校准偏差超标\\n超出允许偏差 47.5 个百分点\"}}")
                .doesNotContain("title");
    }

    @Test
    void dingTalkRobotGetsMarkdownTitleAndTextInTheChosenLanguage() {
        String body = MessageBodies.body("dingtalk", MESSAGE, "en");
        assertThat(body)
                .contains("\"msgtype\":\"markdown\"")
                .contains("\"title\":\"[breach] CEMS calibration deviation\"")
                .contains("\"text\":\"### [breach] CEMS calibration deviation\\n47.5 percentage points");
    }

    @Test
    void mailBodyIsTheRobotsTextAsPlainTextWithTheAlertsReferences() {
        assertThat(MessageBodies.mail(MESSAGE, "zh"))
                .isEqualTo("【超标】CEMS校准偏差超标\n\n超出允许偏差 47.5 个百分点\n\n"
                        + "告警编号 7，规则 CEMS_CALIBRATION_DRIFT，对象 CEMS-1，整改报告项 30\n");
        assertThat(MessageBodies.mail(MESSAGE, "en"))
                .startsWith("[breach] CEMS calibration deviation\n\n47.5 percentage points over the allowed deviation")
                .endsWith("report item 30\n");
    }

    @Test
    void weComMentionsByPhoneAndUserIdGoAsTextWithTheMentionLists() {
        var channel = new NotifyProperties.Channel(
                "duty",
                "wecom",
                URI.create("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k"),
                null,
                List.of("13800001111"),
                List.of("zhangsan"),
                -1,
                Duration.ofMinutes(1));
        String body = MessageBodies.body(channel, MESSAGE, "zh", "https://envmon.example/console/alerts/7");
        assertThat(body)
                .startsWith("{\"msgtype\":\"text\",\"text\":{\"content\":\"【超标】CEMS校准偏差超标\\n")
                .contains("\\nhttps://envmon.example/console/alerts/7\"")
                .contains("\"mentioned_list\":[\"zhangsan\"]")
                .contains("\"mentioned_mobile_list\":[\"13800001111\"]");
    }

    @Test
    void dingTalkMentionsAreInTheAtBlockAndNamedInTheText() {
        var channel = new NotifyProperties.Channel(
                "duty",
                "dingtalk",
                URI.create("https://oapi.dingtalk.com/robot/send?access_token=t"),
                "SECx",
                List.of("13800001111"),
                List.of("user123"),
                -1,
                Duration.ofMinutes(1));
        String body = MessageBodies.body(channel, MESSAGE, "en", "https://envmon.example/console/alerts/7");
        assertThat(body)
                .contains("[Open in the console](https://envmon.example/console/alerts/7)")
                .contains("@13800001111 @user123\"")
                .contains("\"at\":{\"atMobiles\":[\"13800001111\"],\"atUserIds\":[\"user123\"],\"isAtAll\":false}");
    }

    @Test
    void linksToTheAlertsConsolePageUnderTheConfiguredUrlAndToTheListForADigest() {
        assertThat(MessageBodies.link(URI.create("https://envmon.example"), MESSAGE))
                .isEqualTo("https://envmon.example/console/alerts/7");
        assertThat(MessageBodies.link(URI.create("https://envmon.example/"), Digests.digest(List.of(MESSAGE))))
                .isEqualTo("https://envmon.example/console/alerts");
        assertThat(MessageBodies.link(null, MESSAGE)).isNull();
        assertThat(MessageBodies.body("webhook", MESSAGE, "zh")).doesNotContain("console_url");
        assertThat(MessageBodies.mail(MESSAGE, "zh", "https://envmon.example/console/alerts/7"))
                .endsWith("\nhttps://envmon.example/console/alerts/7\n");
    }

    @Test
    void aDigestCountsByRuleInWordsAndEvent() {
        AlertMessage digest = Digests.digest(List.of(MESSAGE, MESSAGE, MESSAGE.retold("resolved", "", "")));
        assertThat(digest.title("zh")).isEqualTo("【告警汇总】3 条告警通知");
        assertThat(digest.message("zh")).contains("- CEMS_CALIBRATION_DRIFT：新告警 2\n- CEMS_CALIBRATION_DRIFT：已恢复 1");
    }
}
