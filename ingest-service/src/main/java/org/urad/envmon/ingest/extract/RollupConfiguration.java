package org.urad.envmon.ingest.extract;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.urad.envmon.ingest.config.RollupProperties;

/** Refreshes the plain-PostgreSQL rollups every {@code ingest.rollups.refresh-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RollupProperties.class)
class RollupConfiguration implements SchedulingConfigurer {

    private final RollupRefresher refresher;
    private final RollupProperties properties;

    RollupConfiguration(DataSource dataSource, RollupProperties properties) {
        this.properties = properties;
        this.refresher = new RollupRefresher(dataSource, properties.lag());
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(new FixedDelayTask(
                refresher::refreshQuietly, properties.refreshInterval(), properties.refreshInterval()));
    }
}
