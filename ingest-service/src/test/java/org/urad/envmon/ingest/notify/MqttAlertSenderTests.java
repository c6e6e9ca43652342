package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Verifies the alert topic: one level for the rule, one for the subject, never a wildcard. */
class MqttAlertSenderTests {

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource({
        "WQ_DISCHARGE_LIMIT, WQ-01,   urad/v1/alerts/WQ_DISCHARGE_LIMIT/WQ-01",
        "WELL_QUOTA,         V/12,    urad/v1/alerts/WELL_QUOTA/V_12",
        "DEVICE_SILENT,      a+b#c,   urad/v1/alerts/DEVICE_SILENT/a_b_c",
        "DEVICE_SILENT,      '',      urad/v1/alerts/DEVICE_SILENT/_"
    })
    void topicHasOneLevelForRuleAndSubject(String rule, String subject, String topic) {
        var m = new AlertMessage(
                1, "opened", rule, "—", "device", subject, "name", "", "breach", null, null, null, null, null, null,
                "t", "t", "m", "m");
        assertThat(MqttAlertSender.topic("urad/v1", m)).isEqualTo(topic);
    }
}
