package org.urad.envmon.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the service needs from its broker, run against each kind of {@link TestBroker}: MQTT 5 shared
 * subscriptions, and persistent sessions that keep QoS 1 messages for a subscriber that is away, also while the
 * broker restarts.
 */
abstract class BrokerContract {

    private static final long WAIT_SECONDS = 30;
    private static final String SHARED = "$share/g/t/#";

    private TestBroker broker;
    private final String subscriberId = "ingest-test-" + UUID.randomUUID();

    abstract TestBroker startBroker();

    @BeforeEach
    void startBrokerForTest() {
        broker = startBroker();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    @Test
    void deliversToSharedSubscription() throws Exception {
        try (MqttProbe subscriber = new MqttProbe(broker.url(), subscriberId).connect();
                MqttProbe publisher = new MqttProbe(broker.url(), "pub-" + subscriberId).connect()) {
            subscriber.subscribe(SHARED);

            publisher.publish("t/well/w-001", "one");

            assertThat(subscriber.next(WAIT_SECONDS)).isEqualTo("one");
        }
    }

    @Test
    void keepsQos1MessagesForSubscriberThatIsAway() throws Exception {
        subscribeThenLeave();

        publish("a", "b", "c");

        assertThat(reconnectAndReceive(3)).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void keepsQueuedMessagesAcrossBrokerRestart() throws Exception {
        subscribeThenLeave();
        publish("before-restart-1", "before-restart-2");

        broker.restart();

        assertThat(reconnectAndReceive(2)).containsExactlyInAnyOrder("before-restart-1", "before-restart-2");
    }

    private void subscribeThenLeave() throws Exception {
        try (MqttProbe subscriber = new MqttProbe(broker.url(), subscriberId).connect()) {
            subscriber.subscribe(SHARED);
        }
    }

    private void publish(String... payloads) throws Exception {
        try (MqttProbe publisher = new MqttProbe(broker.url(), "pub-" + subscriberId).connect()) {
            for (String payload : payloads) {
                publisher.publish("t/cems/c-" + payload, payload);
            }
        }
    }

    private List<String> reconnectAndReceive(int count) throws Exception {
        List<String> got = new ArrayList<>();
        try (MqttProbe subscriber = new MqttProbe(broker.url(), subscriberId).connect()) {
            for (int i = 0; i < count; i++) {
                String payload = subscriber.next(WAIT_SECONDS);
                if (payload == null) {
                    break;
                }
                got.add(payload);
            }
        }
        return got;
    }
}
