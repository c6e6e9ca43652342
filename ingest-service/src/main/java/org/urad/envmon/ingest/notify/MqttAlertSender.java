package org.urad.envmon.ingest.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Publishes alert messages (the webhook JSON) to {@code <prefix>/alerts/<rule>/<subject>} with QoS 1
 * over the Paho MQTT 5 client. Called on the notifier's thread only: it connects on first use,
 * then reconnects by itself; a publication not acknowledged within the timeout is a failed attempt
 * that the notifier retries.
 */
public final class MqttAlertSender implements AutoCloseable {

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String prefix;
    private final long timeoutMillis;

    public MqttAlertSender(
            String url, String clientId, String username, String password, String prefix, Duration timeout)
            throws MqttException {
        String id = clientId == null || clientId.isBlank()
                ? "urad-alerts-" + UUID.randomUUID().toString().substring(0, 8)
                : clientId;
        this.client = new MqttAsyncClient(url, id, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        if (username != null && !username.isBlank()) {
            options.setUserName(username);
            options.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
        }
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.timeoutMillis = timeout.toMillis();
    }

    public static MqttAlertSender create(
            MqttNotifyProperties p, String fallbackUrl, String fallbackUser, String fallbackPassword)
            throws MqttException {
        boolean own = p.url() == null || p.url().isBlank();
        if (own && (fallbackUrl == null || fallbackUrl.isBlank())) {
            throw new IllegalStateException(
                    "ingest.notify.mqtt.enabled is true but neither ingest.notify.mqtt.url nor ingest.mqtt.url is set");
        }
        return new MqttAlertSender(
                own ? fallbackUrl : p.url(),
                p.clientId(),
                own ? fallbackUser : p.username(),
                own ? fallbackPassword : p.password(),
                p.topicPrefix(),
                p.timeout());
    }

    /** One delivery attempt; {@code null} once the broker has acknowledged it, else what went wrong. */
    public String send(AlertMessage message, String language) {
        try {
            if (!client.isConnected()) {
                client.connect(options).waitForCompletion(timeoutMillis);
            }
            MqttMessage m = new MqttMessage(
                    MessageBodies.webhook(message, language).getBytes(StandardCharsets.UTF_8),
                    1,
                    false,
                    new MqttProperties());
            client.publish(topic(prefix, message), m).waitForCompletion(timeoutMillis);
            return null;
        } catch (MqttException e) {
            return "MQTT " + e.getReasonCode() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** {@code <prefix>/alerts/<rule>/<subject>}; characters that are not allowed in a topic level become {@code _}. */
    public static String topic(String prefix, AlertMessage message) {
        return prefix + "/alerts/" + level(message.ruleId()) + "/" + level(message.subjectId());
    }

    private static String level(String s) {
        return s == null || s.isEmpty() ? "_" : s.replaceAll("[/+#\\u0000]", "_");
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(2_000);
            }
            client.close();
        } catch (MqttException e) {
            // shutting down: nothing left to deliver to
        }
    }
}
