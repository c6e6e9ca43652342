package org.urad.envmon.ingest.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.urad.envmon.ingest.config.RegistryProperties;

/** Binds {@code ingest.registry.*} and re-reads the registry every {@code refresh-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RegistryProperties.class)
class RegistryConfiguration implements SchedulingConfigurer {

    private final RegistryService registry;
    private final RegistryProperties properties;

    RegistryConfiguration(RegistryService registry, RegistryProperties properties) {
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        Duration interval = properties.refreshInterval();
        tasks.addFixedDelayTask(new FixedDelayTask(registry::refreshQuietly, interval, interval));
    }
}
