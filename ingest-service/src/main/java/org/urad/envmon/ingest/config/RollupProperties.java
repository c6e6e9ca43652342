package org.urad.envmon.ingest.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.rollups.*}: the refresh of the hourly and daily aggregates on both engines — the
 * materialised rollups behind the aggregate views on plain PostgreSQL (V8), the buckets touched by
 * late writes and the policy window of the continuous aggregates on TimescaleDB (V14).
 *
 * @param refreshInterval how often the aggregates are refreshed (across instances, one does the work)
 * @param lag how long after its end a bucket is materialised (on TimescaleDB at least one hour, the
 *     end offset of its refresh policy)
 */
@ConfigurationProperties("ingest.rollups")
public record RollupProperties(
        @DefaultValue("5m") Duration refreshInterval,
        @DefaultValue("10m") Duration lag) {}
