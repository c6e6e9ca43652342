package org.urad.envmon.ingest.notify;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.notify.mqtt.*}: alerts published as JSON to {@code <topic-prefix>/alerts/<rule>/<subject>}.
 *
 * @param enabled off unless set
 * @param url the broker; unset: the service's own broker ({@code ingest.mqtt.url}, same credentials)
 * @param clientId unset: {@code urad-alerts-} and a random suffix (unique per instance)
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
        @DefaultValue("10s") Duration timeout) {

    @Override
    public String toString() {
        return "MqttNotifyProperties[enabled=%s, url=%s, username=%s, clientId=%s, topicPrefix=%s]"
                .formatted(enabled, url, username, clientId, topicPrefix);
    }
}
