package org.urad.envmon.ingest.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When readiness goes down: the service is alive but not doing its work, and a load balancer or an
 * operator should know.
 *
 * @param maxCommitStall longest the writer may hold a batch it cannot commit
 * @param maxBufferFull longest the buffer may stay full (intake paused) without the writer taking from it
 * @param maxRuleLag longest a committed batch may wait for its point rules
 */
@ConfigurationProperties("ingest.health")
public record HealthProperties(
        @DefaultValue("60s") Duration maxCommitStall,
        @DefaultValue("60s") Duration maxBufferFull,
        @DefaultValue("5m") Duration maxRuleLag) {}
