package org.urad.envmon.ingest.inbound;

import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * @param sharedGroup MQTT 5 shared-subscription group; blank for a plain subscription
 * @param sessionExpiry how long the broker keeps the session (and queued messages) while we are away
 * @param receiveMaximum how many unacknowledged QoS 1 messages the broker may send us at once
 * @param socketFactory for {@code ssl://} URLs: the configured trust (and client key) material; null for the
 *     JVM's default CAs
 */
public record MqttSettings(
        String url,
        String clientId,
        String username,
        String password,
        String sharedGroup,
        Duration sessionExpiry,
        int receiveMaximum,
        Duration keepAlive,
        Duration reconnectMax,
        SSLSocketFactory socketFactory) {

    @Override
    public String toString() {
        return "MqttSettings[url=%s, clientId=%s, username=%s, sharedGroup=%s, sessionExpiry=%s, receiveMaximum=%d]"
                .formatted(url, clientId, username, sharedGroup, sessionExpiry, receiveMaximum);
    }
}
