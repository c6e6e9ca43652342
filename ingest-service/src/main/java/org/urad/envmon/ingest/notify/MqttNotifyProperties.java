package org.urad.envmon.ingest.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.urad.envmon.ingest.config.IngestProperties;

/**
 * {@code ingest.notify.mqtt.*}: alerts published as JSON to {@code <topic-prefix>/alerts/<rule>/<subject>}.
 *
 * @param enabled off unless set
 * @param url the broker; unset: the service's own broker ({@code ingest.mqtt.url}, same credentials and
 *     TLS settings)
 * @param clientId unset: {@code urad-alerts-} and a random suffix (unique per instance); never the
 *     service's own {@code ingest.mqtt.client-id}
 * @param tls trust and key stores for an {@code ssl://} {@code url} (as {@code ingest.mqtt.tls.*})
 * @param timeout how long one publication may wait for the broker's PUBACK (and the first connect)
 */
@ConfigurationProperties("ingest.notify.mqtt")
@Validated
public record MqttNotifyProperties(
        @DefaultValue("false") boolean enabled,
        String url,
        String username,
        String password,
        String clientId,
        @DefaultValue("urad/v1") @NotBlank String topicPrefix,
        @DefaultValue("10s") Duration timeout,
        @Valid @DefaultValue IngestProperties.Tls tls) {

    @Override
    public String toString() {
        return "MqttNotifyProperties[enabled=%s, url=%s, username=%s, clientId=%s, topicPrefix=%s, tls=%s]"
                .formatted(enabled, url, username, clientId, topicPrefix, tls);
    }
}
