package org.urad.envmon.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** A device stand-in: publishes QoS 1 messages and waits for the broker's acknowledgement. */
public final class TestPublisher implements AutoCloseable {

    private final MqttClient client;

    public TestPublisher(String url) {
        try {
            client = new MqttClient(url, "test-pub-" + UUID.randomUUID(), new MemoryPersistence());
            MqttConnectionOptions options = new MqttConnectionOptions();
            options.setCleanStart(true);
            client.connect(options);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot connect test publisher to " + url, e);
        }
    }

    public void publish(String topic, String payload) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    public void publish(String topic, byte[] payload) {
        try {
            MqttMessage message = new MqttMessage(payload);
            message.setQos(1);
            client.publish(topic, message);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    /** Publishes with the {@code sent-at} user property (milliseconds since the epoch, now), as the load publishers do. */
    public void publishStamped(String topic, String payload) {
        try {
            MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(
                    List.of(new UserProperty("sent-at", Long.toString(System.currentTimeMillis()))));
            message.setProperties(properties);
            client.publish(topic, message);
        } catch (MqttException e) {
            throw new IllegalStateException("publish to " + topic + " failed", e);
        }
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
