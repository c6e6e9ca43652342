package org.urad.envmon.ingest.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.TestServices;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Verifies live mode against the real broker: what a subscriber receives, round by round. */
class LiveSimulatorIntegrationTests {

    private record Received(String topic, JsonNode payload, String sentAt) {}

    @Test
    void publishesEveryDeviceAtItsIntervalWithSequenceNumbersAndSentAt() throws Exception {
        String prefix = "simit-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        RegistrySnapshot registry = TestRegistry.build(prefix);
        Queue<Received> received = new ConcurrentLinkedQueue<>();
        JsonMapper json = JsonMapper.builder().build();
        MqttClient subscriber = new MqttClient(TestServices.mqttUrl(), prefix + "sub", new MemoryPersistence());
        subscriber.connect(new MqttConnectionOptions());
        subscriber.subscribe(
                new MqttSubscription[] {new MqttSubscription("urad/v1/#", 1)},
                new org.eclipse.paho.mqttv5.client.IMqttMessageListener[] {
                    (topic, message) -> {
                        if (topic.contains("/" + prefix)) {
                            String sentAt = message.getProperties().getUserProperties().stream()
                                    .filter(p -> p.getKey().equals(MqttPublisher.SENT_AT))
                                    .map(UserProperty::getValue)
                                    .findFirst()
                                    .orElse(null);
                            received.add(new Received(topic, json.readTree(message.getPayload()), sentAt));
                        }
                    }
                });

        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        var breaches = ScriptedBreaches.choose(registry, EnumSet.allOf(ScriptedBreaches.Kind.class), start);
        // 3600x: an hourly well reports every second; within 2.4 s: wells 3 rounds, CEMS 15, gate 10.
        try (MqttPublisher publisher = new MqttPublisher(TestServices.mqttUrl(), prefix + "pub", 1)) {
            new LiveSimulator(new Simulation(registry, 11, breaches, Faults.none()), publisher, 3600)
                    .run(start, Duration.ofMillis(2400));
            assertThat(publisher.awaitCompletion(Duration.ofSeconds(20))).isTrue();
            assertThat(publisher.published()).isEqualTo(38);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (received.size() < 38 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        subscriber.disconnect();
        subscriber.close();

        Map<String, List<Received>> byDevice =
                received.stream().collect(Collectors.groupingBy(r -> r.topic().split("/")[3]));
        Map<String, Integer> counts = byDevice.entrySet().stream()
                .collect(Collectors.toMap(
                        e -> e.getKey().substring(prefix.length()),
                        e -> e.getValue().size()));
        assertThat(counts)
                .isEqualTo(Map.of(
                        "well-c1", 3, "well-02", 3, "well-03", 3, "cems-1", 15, "wq-1", 3, "wq-2", 1, "gate-1", 10));
        byDevice.forEach((id, messages) -> {
            List<Long> seqs = new ArrayList<>();
            for (Received r : messages) {
                assertThat(r.topic()).matches("urad/v1/(well|cems|water_quality|gate)/" + id + "/json");
                assertThat(r.payload().get("device").asString()).isEqualTo(id);
                assertThat(Long.parseLong(r.sentAt())).isGreaterThanOrEqualTo(start.toEpochMilli());
                seqs.add(r.payload().get("seq").asLong());
            }
            assertThat(seqs)
                    .as(id)
                    .containsExactlyElementsOf(java.util.stream.LongStream.range(0, seqs.size())
                            .boxed()
                            .toList());
        });
        JsonNode firstCems = byDevice.get(prefix + "cems-1").get(0).payload();
        assertThat(firstCems.get("calibrations").toString()).contains("\"reference\":100,\"measured\":50");
    }
}
