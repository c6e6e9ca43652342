package org.urad.envmon.ingest.notify;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.notify.*}: where alert notifications go and how hard we try.
 *
 * @param language {@code zh} (default) or {@code en}
 * @param repeatInterval least time between two notifications for the same rule and subject on one
 *     channel (a flapping value does not flood a group chat)
 * @param queueCapacity notifications waiting to be sent; beyond it new ones are dropped and counted
 */
@ConfigurationProperties("ingest.notify")
@Validated
public record NotifyProperties(
        @DefaultValue("zh") @Pattern(regexp = "zh|en") String language,
        @DefaultValue @Valid List<Channel> channels,
        @DefaultValue("5") @Min(1) int maxAttempts,
        @DefaultValue("1s") Duration backoffMin,
        @DefaultValue("1m") Duration backoffMax,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("1h") Duration repeatInterval,
        @DefaultValue("1000") @Min(1) int queueCapacity) {

    /**
     * @param type {@code webhook} (generic JSON), {@code wecom} (企业微信 group robot) or
     *     {@code dingtalk} (钉钉 group robot)
     * @param url the endpoint, including a robot's access key; never printed
     */
    public record Channel(
            @NotBlank String name,

            @NotBlank @Pattern(regexp = "webhook|wecom|dingtalk")
            String type,

            @NotNull URI url) {

        @Override
        public String toString() {
            return "Channel[name=%s, type=%s, host=%s]".formatted(name, type, url.getHost());
        }
    }
}
