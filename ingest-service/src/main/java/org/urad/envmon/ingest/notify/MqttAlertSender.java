package org.urad.envmon.ingest.notify;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.config.TlsContexts;

/**
 * Publishes alert messages (the webhook JSON) to {@code <prefix>/alerts/<rule>/<subject>} with QoS 1
 * over the Paho MQTT 5 client, with a client of its own: never the service's subscription client id
 * (the broker would take that session away from the subscriber). Called on the notifier's thread only:
 * it connects on first use, then reconnects by itself; a publication not acknowledged within the
 * timeout, or refused by the broker (a PUBACK reason code of 0x80 or more, e.g. 0x87 not authorised),
 * is a failed attempt that the notifier retries.
 */
public final class MqttAlertSender implements AutoCloseable {

    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final String prefix;
    private final long timeoutMillis;

    public MqttAlertSender(
            String url, String clientId, String username, String password, String prefix, Duration timeout)
            throws MqttException {
        this(url, clientId, username, password, prefix, timeout, null);
    }

    /** {@code tls} (may be {@code null}): the trust and key material for an {@code ssl://} broker. */
    public MqttAlertSender(
            String url,
            String clientId,
            String username,
            String password,
            String prefix,
            Duration timeout,
            SSLSocketFactory tls)
            throws MqttException {
        String id = clientId == null || clientId.isBlank()
                ? "urad-alerts-" + UUID.randomUUID().toString().substring(0, 8)
                : clientId;
        this.client = new MqttAsyncClient(url, id, new MemoryPersistence());
        this.options = new MqttConnectionOptions();
        options.setAutomaticReconnect(true);
        options.setCleanStart(true);
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        if (username != null && !username.isBlank()) {
            options.setUserName(username);
            options.setPassword(password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8));
        }
        this.prefix = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        this.timeoutMillis = timeout.toMillis();
    }

    /**
     * The sender for {@code p}; without its own URL it publishes to the service's broker ({@code service})
     * with the service's credentials and TLS settings, but never under the service's client id.
     */
    public static MqttAlertSender create(MqttNotifyProperties p, IngestProperties.Mqtt service) throws MqttException {
        boolean own = p.url() == null || p.url().isBlank();
        if (own && (service.url() == null || service.url().isBlank())) {
            throw new IllegalStateException(
                    "ingest.notify.mqtt.enabled is true but neither ingest.notify.mqtt.url nor ingest.mqtt.url is set");
        }
        if (p.clientId() != null && p.clientId().equals(service.clientIdOrDefault())) {
            throw new IllegalStateException("ingest.notify.mqtt.client-id must differ from ingest.mqtt.client-id ("
                    + p.clientId() + "): the broker would disconnect the service's subscription");
        }
        IngestProperties.Tls tls = own ? service.tls() : p.tls();
        return new MqttAlertSender(
                own ? service.url() : p.url(),
                p.clientId(),
                own ? service.username() : p.username(),
                own ? service.password() : p.password(),
                p.topicPrefix(),
                p.timeout(),
                tls != null && (tls.hasKeyStore() || tls.hasTrustStore())
                        ? TlsContexts.create(tls).getSocketFactory()
                        : null);
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
            IMqttToken token = client.publish(topic(prefix, message), m);
            token.waitForCompletion(timeoutMillis);
            return refusal(token.getReasonCodes());
        } catch (MqttException e) {
            return "MQTT " + e.getReasonCode() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** {@code null} when every reason code is a success (below 0x80), else the refusal. */
    static String refusal(int[] reasonCodes) {
        if (reasonCodes != null) {
            for (int code : reasonCodes) {
                if (code >= 0x80) {
                    return "MQTT publish refused by the broker: reason code 0x%02X".formatted(code);
                }
            }
        }
        return null;
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
