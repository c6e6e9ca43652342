package org.urad.envmon.ingest.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.rollups.*}: the materialised rollups behind the hourly and daily aggregate views on
 * plain PostgreSQL. On TimescaleDB the continuous aggregates' own policy refreshes them instead.
 *
 * @param refreshInterval how often the rollups are refreshed (across instances, one does the work)
 * @param lag how long after its end a bucket is materialised
 */
@ConfigurationProperties("ingest.rollups")
public record RollupProperties(
        @DefaultValue("5m") Duration refreshInterval,
        @DefaultValue("10m") Duration lag) {}
