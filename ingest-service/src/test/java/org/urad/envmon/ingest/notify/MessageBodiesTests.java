package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Verifies the request bodies have the shape each group-robot API expects. */
class MessageBodiesTests {

    private static final AlertMessage MESSAGE = new AlertMessage(
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
}
