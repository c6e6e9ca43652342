package org.urad.envmon.ingest.support;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** A small MQTT 5 client for broker tests: a persistent session that collects the payloads it receives. */
public final class MqttProbe implements AutoCloseable {

    private static final long SESSION_EXPIRY_SECONDS = 3600;

    private final MqttClient client;
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    public MqttProbe(String url, String clientId) throws MqttException {
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new Collector());
    }

    /** Connects with clean start off, so the broker keeps the session while this client is away. */
    public MqttProbe connect() throws MqttException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setAutomaticReconnect(false);
        client.connect(options);
        return this;
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    public void publish(String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.publish(topic, message);
    }

    /** The next payload, waiting up to {@code seconds}; null if none arrived. */
    public String next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    public void disconnect() throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
    }

    @Override
    public void close() throws MqttException {
        try {
            disconnect();
        } catch (MqttException e) {
            // the broker may be gone already
        }
        client.close(true);
    }

    private final class Collector implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }
    }
}
