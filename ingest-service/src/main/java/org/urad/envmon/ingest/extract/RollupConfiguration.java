package org.urad.envmon.ingest.extract;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.urad.envmon.ingest.config.RollupProperties;
import org.urad.envmon.ingest.metrics.IngestMetrics;

/**
 * Refreshes the aggregates every {@code ingest.rollups.refresh-interval}, once across instances (V8 rollups on plain
 * PostgreSQL, late buckets and the policy window of the continuous aggregates on TimescaleDB) and
 * exposes how old each one's newest materialised bucket is.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RollupProperties.class)
class RollupConfiguration implements SchedulingConfigurer {

    private final RollupRefresher refresher;
    private final RollupProperties properties;

    RollupConfiguration(DataSource dataSource, RollupProperties properties, IngestMetrics metrics, Clock clock) {
        this.properties = properties;
        this.refresher = new RollupRefresher(
                dataSource, properties.refreshInterval(), properties.lag(), clock, metrics::aggregateRefreshed);
        metrics.aggregateAges(refresher::ageSeconds);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(
                refresher::refreshQuietly, properties.refreshInterval(), properties.refreshInterval()));
    }
}
