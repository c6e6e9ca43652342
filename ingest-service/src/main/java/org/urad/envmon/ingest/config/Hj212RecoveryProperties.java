package org.urad.envmon.ingest.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.hj212.recovery.*}: automatic recovery of the gaps in HJ 212 loggers' data (history
 * requests 2051 / 2061 / 2031 to connected loggers). Off unless enabled; on in the demo. Documented in the
 * README and in {@code docs/hj212.md}.
 *
 * @param horizon how far back gaps are looked for; recovered readings this old are stored even beyond
 *     {@code ingest.limits.max-age}
 * @param maxSpan the longest span one request asks for (a daily request at least one day)
 * @param maxInFlight requests one logger may have unanswered at once
 * @param maxAttempts tries of one span before it is given up on
 * @param backoff the wait before the second try, doubled for each further one
 * @param answerTimeout how long a request may go without any answer before it counts as failed
 * @param scanInterval how often a connected logger's stored data are checked for gaps (and once on connect)
 */
@ConfigurationProperties("ingest.hj212.recovery")
@Validated
public record Hj212RecoveryProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("7d") Duration horizon,
        @DefaultValue("12h") Duration maxSpan,
        @DefaultValue("1") @Min(1) int maxInFlight,
        @DefaultValue("3") @Min(1) int maxAttempts,
        @DefaultValue("1m") Duration backoff,
        @DefaultValue("2m") Duration answerTimeout,
        @DefaultValue("10m") Duration scanInterval) {}
