package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/**
 * Publishes simulated messages with the Paho MQTT 5 client: a per-device {@code seq} in the
 * payload and the user property {@code sent-at} (epoch millis) on each message. When the broker's
 * in-flight window is full it waits for acknowledgements rather than dropping messages.
 */
public final class MqttPublisher implements AutoCloseable {

    public static final String SENT_AT = "sent-at";

    private final MqttAsyncClient client;
    private final int qos;
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final MqttActionListener listener = new MqttActionListener() {
        @Override
        public void onSuccess(IMqttToken token) {
            completed.incrementAndGet();
        }

        @Override
        public void onFailure(IMqttToken token, Throwable exception) {
            failed.incrementAndGet();
        }
    };

    public MqttPublisher(String brokerUrl, String clientId, int qos) throws MqttException {
        this(brokerUrl, clientId, qos, null, null);
    }

    /** Connects with broker credentials when {@code username} is given. */
    public MqttPublisher(String brokerUrl, String clientId, int qos, String username, String password)
            throws MqttException {
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.qos = qos;
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        if (username != null && !username.isBlank()) {
            options.setUserName(username);
            if (password != null) {
                options.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        client.connect(options).waitForCompletion(10_000);
    }

    /** Publishes one simulated message with the device's next sequence number. */
    public void publish(SimulatedMessage message) throws MqttException, InterruptedException {
        long seq = sequences
                .computeIfAbsent(message.device().id(), k -> new AtomicLong())
                .getAndIncrement();
        publish(message.topic(), PayloadWriter.write(message, seq));
    }

    public void publish(String topic, byte[] payload) throws MqttException, InterruptedException {
        while (true) {
            MqttMessage message = new MqttMessage(payload, qos, false, null);
            MqttProperties properties = new MqttProperties();
            properties.setUserProperties(List.of(new UserProperty(SENT_AT, Long.toString(System.currentTimeMillis()))));
            message.setProperties(properties);
            try {
                client.publish(topic, message, null, listener);
                published.incrementAndGet();
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT
                        && e.getReasonCode() != MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    /** Waits until every message published so far is acknowledged (or failed), up to {@code timeout}. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (completed.get() + failed.get() < published.get()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    public long published() {
        return published.get();
    }

    /** Messages the broker acknowledged (QoS 1: PUBACK received; QoS 0: handed to the network). */
    public long completed() {
        return completed.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void close() throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(5_000).waitForCompletion(5_000);
            }
        } finally {
            client.close();
        }
    }
}
