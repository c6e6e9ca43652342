package org.urad.envmon.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.urad.envmon.ingest.reading.Family;

class TopicParserTests {

    private final TopicParser parser = new TopicParser("urad/v1");

    @Test
    void parsesFamilyDeviceAndFormat() {
        assertThat(parser.parse("urad/v1/water_quality/WQ-JIEYUAN/hj212"))
                .contains(new Topic(Family.WATER_QUALITY, "WQ-JIEYUAN", "hj212"));
        assertThat(parser.filter()).isEqualTo("urad/v1/+/+/+");
        assertThat(parser.topic(Family.WELL, "W0001", "json")).isEqualTo("urad/v1/well/W0001/json");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "urad/v2/well/W0001/json",
                "urad/v1/pump/W0001/json",
                "urad/v1/well/W0001",
                "urad/v1/well/W0001/json/extra",
                "urad/v1/well//json",
                "urad/v1/well/W 0001/json",
                "urad/v1/well/W0001/",
                "urad/v1/well/_W0001/json",
                "urad/v1/well/W0001+/json",
                "urad/v1//W0001/json"
            })
    void refusesTopicsOutsideTheTree(String topic) {
        assertThat(parser.parse(topic)).isEmpty();
    }

    @Test
    void acceptsDeviceIdsOfUpTo64Characters() {
        String longest = "W" + "0".repeat(63);

        assertThat(parser.parse("urad/v1/well/" + longest + "/json"))
                .map(Topic::deviceId)
                .contains(longest);
        assertThat(parser.parse("urad/v1/well/" + longest + "0/json")).isEmpty();
        assertThat(parser.parse("urad/v1/gate/G.1_a-b/json"))
                .map(Topic::deviceId)
                .contains("G.1_a-b");
    }
}
