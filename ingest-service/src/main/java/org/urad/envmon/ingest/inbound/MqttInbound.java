package org.urad.envmon.ingest.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.Stage;
import org.urad.envmon.ingest.reading.RawMessage;

/**
 * The MQTT edge: a Paho v5 client with a persistent session (clean start off), manual
 * acknowledgements and automatic reconnect. The callback thread only wraps the message and hands it
 * to the {@link MessageProcessor}; the acknowledgement travels with the message and is sent by
 * the flusher after commit. Acknowledgements from a previous connection are never sent on a new
 * one (packet ids restart), so such messages are simply redelivered by the broker.
 */
public final class MqttInbound implements MqttCallback {

    private static final Logger log = LoggerFactory.getLogger(MqttInbound.class);
    private static final String SENT_AT = "sent-at";

    private final MqttSettings settings;
    private final String filter;
    private final MessageProcessor processor;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final Object ackLock = new Object();
    private long generation;
    private volatile boolean connected;
    private volatile boolean closing;

    public MqttInbound(
            MqttSettings settings, String topicFilter, MessageProcessor processor, IngestMetrics metrics, Clock clock)
            throws MqttException {
        this.settings = settings;
        this.filter = settings.sharedGroup() == null || settings.sharedGroup().isBlank()
                ? topicFilter
                : "$share/" + settings.sharedGroup() + "/" + topicFilter;
        this.processor = processor;
        this.metrics = metrics;
        this.clock = clock;
        this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        this.client.setManualAcks(true);
        this.client.setCallback(this);
        metrics.connectionState(() -> connected ? 1 : 0);
    }

    /**
     * Connects and subscribes, retrying until the broker answers; returns once the subscription is
     * in place. Later losses reconnect and resubscribe automatically.
     */
    public void start() throws InterruptedException {
        long pause = 500;
        while (!closing) {
            try {
                client.connect(options()).waitForCompletion();
                subscribe();
                log.info("Connected to {}; subscribed to {}", settings.url(), filter);
                return;
            } catch (MqttException e) {
                disconnectQuietly();
                log.warn("Cannot connect to {} ({}); retrying in {} ms", settings.url(), e.getMessage(), pause);
                Thread.sleep(pause);
                pause = Math.min(pause * 2, settings.reconnectMax().toMillis());
            }
        }
    }

    private void subscribe() throws MqttException {
        IMqttToken token = client.subscribe(filter, 1);
        token.waitForCompletion();
        for (int code : token.getReasonCodes()) {
            if (code >= 0x80) {
                throw new MqttException(code);
            }
        }
    }

    private void disconnectQuietly() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException ignored) {
            // the next attempt starts from a clean connection
        }
    }

    /** Stops accepting messages: from now on they stay unacknowledged and the broker keeps them. */
    public void pause() {
        closing = true;
    }

    public void close() {
        closing = true;
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the MQTT client: {}", e.getMessage());
        }
    }

    public boolean isConnected() {
        return connected;
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setServerURIs(new String[] {settings.url()});
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setReceiveMaximum(settings.receiveMaximum());
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, (int) settings.reconnectMax().toSeconds());
        o.setConnectionTimeout(10);
        if (settings.socketFactory() != null) {
            o.setSocketFactory(settings.socketFactory());
        } else if (settings.url().startsWith("tcp://")) {
            o.setSocketFactory(new BufferedSocketFactory());
        }
        if (settings.username() != null && !settings.username().isBlank()) {
            o.setUserName(settings.username());
            if (settings.password() != null) {
                o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        return o;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        synchronized (ackLock) {
            generation++;
        }
        connected = true;
        metrics.connected();
        if (!reconnect) {
            return; // start() subscribes and waits for the broker's answer
        }
        try {
            client.subscribe(filter, 1);
            log.info("Reconnected to {}; subscribed to {}", serverUri, filter);
        } catch (MqttException e) {
            log.error("Subscribing to {} failed: {}; reconnecting", filter, e.getMessage());
            try {
                client.disconnect();
            } catch (MqttException ignored) {
                // automatic reconnect takes over
            }
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        synchronized (ackLock) {
            generation++;
        }
        connected = false;
        if (!closing) {
            log.warn(
                    "Lost the broker connection ({}); reconnecting",
                    response.getReasonString() != null ? response.getReasonString() : response.getException());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        if (closing) {
            return; // not acknowledged: the broker redelivers it to the next session
        }
        Instant received = clock.instant();
        long messageGeneration;
        synchronized (ackLock) {
            messageGeneration = generation;
        }
        int id = message.getId();
        int qos = message.getQos();
        Instant sentAt = sentAt(message);
        if (sentAt != null) {
            // wall clock against wall clock: the publisher's sent-at is all there is to compare with
            metrics.stage(Stage.BROKER, TimeUnit.MILLISECONDS.toNanos(received.toEpochMilli() - sentAt.toEpochMilli()));
        }
        RawMessage raw = new RawMessage(
                topic, message.getPayload(), received, sentAt, stored -> ack(messageGeneration, id, qos));
        processor.process(raw);
    }

    private void ack(long messageGeneration, int id, int qos) {
        if (qos == 0) {
            return;
        }
        synchronized (ackLock) {
            if (messageGeneration != generation) {
                return;
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException e) {
                log.debug("Acknowledgement of message {} not sent ({}); the broker will redeliver", id, e.getMessage());
            }
        }
    }

    private static Instant sentAt(MqttMessage message) {
        if (message.getProperties() == null || message.getProperties().getUserProperties() == null) {
            return null;
        }
        for (UserProperty p : message.getProperties().getUserProperties()) {
            if (SENT_AT.equals(p.getKey())) {
                try {
                    return Instant.ofEpochMilli(Long.parseLong(p.getValue()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {}
}
