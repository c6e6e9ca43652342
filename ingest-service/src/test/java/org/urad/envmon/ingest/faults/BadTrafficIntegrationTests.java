package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that bad messages mixed into good traffic are each quarantined with their reason. */
class BadTrafficIntegrationTests {

    private static final int GOOD = 1000;
    private static final int EACH_BAD = 25;

    @Test
    void quarantinesEveryBadMessageWithItsReasonAndStoresAllGoodOnes() throws Exception {
        try (Scenario s = new Scenario("malformed, oversized, unknown device, wrong PW mixed in");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), new SimpleMeterRegistry());

            // WHEN every tenth good reading is followed by one bad message of each kind
            int bad = 0;
            for (int seq = 0; seq < GOOD; seq++) {
                publisher.publish(s.topic(Scenario.WELL), s.reading(Scenario.WELL, seq));
                if (seq % (GOOD / EACH_BAD) == 0) {
                    int n = bad++;
                    publisher.publish(s.topic(Scenario.WELL), utf8("{\"seq\":" + n + ",\"readings\":[{"));
                    publisher.publish(s.topic(Scenario.WELL), utf8("{\"seq\":" + n + ",\"pad\":\"" + "x".repeat(5000)));
                    publisher.publish(s.topic("W9999"), s.reading("W9999", n));
                    publisher.publish(s.prefix + "/cems/" + SampleRegistry.CEMS + "/hj212", wrongPassword(n));
                }
            }
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();
            long badOfEachKind = bad;

            // THEN the good readings are all stored and each bad message is quarantined with its reason
            assertThat(s.awaitStored(GOOD)).isEqualTo(GOOD);
            long quarantined =
                    s.db.awaitCount(Scenario.WAIT, n -> n >= 4 * badOfEachKind, "SELECT count(*) FROM quarantine");
            FaultReport.Row row = s.report(GOOD, quarantined, null);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
            assertThat(s.db.strings("SELECT reason || ' ' || count(*) FROM quarantine GROUP BY reason ORDER BY reason"))
                    .containsExactly(
                            "malformed_payload " + bad,
                            "payload_too_large " + bad,
                            "unknown_device " + bad,
                            "wrong_password " + bad);
            assertThat(s.db.count("SELECT count(*) FROM cems_reading")).isZero();
        }
    }

    private static byte[] wrongPassword(int n) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(n);
        return Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                .qn(time)
                .password("000000")
                .dataTime(time)
                .value("a21026", "Rtd", 10 + n)
                .dataFlag("a21026", "N")
                .encode();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
