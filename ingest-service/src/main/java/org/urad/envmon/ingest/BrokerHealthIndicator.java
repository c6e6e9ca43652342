package org.urad.envmon.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Reports the broker connection and how much the pipeline holds; the database has its own. */
@Component("broker")
class BrokerHealthIndicator implements HealthIndicator {

    private final IngestPipeline pipeline;

    BrokerHealthIndicator(IngestPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public Health health() {
        Health.Builder builder = pipeline.isConnected() ? Health.up() : Health.down();
        return builder.withDetail("bufferDepth", pipeline.bufferDepth()).build();
    }
}
