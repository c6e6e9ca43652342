package org.urad.envmon.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;
import org.urad.envmon.ingest.config.HealthProperties;
import org.urad.envmon.ingest.rules.CommittedBatchRules;

/**
 * Whether the pipeline does its work, for the readiness probe: DOWN, with the reasons, while the
 * writer holds a batch it cannot commit, while the buffer stays full, or while the point rules fall
 * behind, each for longer than {@link HealthProperties} allows. Liveness does not include it: a
 * restart does not mend a database that refuses writes.
 */
@Component("pipeline")
class PipelineHealthIndicator implements HealthIndicator {

    private final IngestPipeline pipeline;
    private final Supplier<Duration> ruleLag;
    private final HealthProperties limits;

    @Autowired
    PipelineHealthIndicator(
            IngestPipeline pipeline, ObjectProvider<CommittedBatchRules> rules, HealthProperties limits) {
        this(
                pipeline,
                () -> rules.stream().map(CommittedBatchRules::lag).findFirst().orElse(Duration.ZERO),
                limits);
    }

    PipelineHealthIndicator(IngestPipeline pipeline, Supplier<Duration> ruleLag, HealthProperties limits) {
        this.pipeline = pipeline;
        this.ruleLag = ruleLag;
        this.limits = limits;
    }

    @Override
    public Health health() {
        Duration stall = pipeline.commitStall();
        Duration full = pipeline.bufferFullFor();
        Duration lag = ruleLag.get();
        List<String> reasons = new ArrayList<>();
        if (stall.compareTo(limits.maxCommitStall()) > 0) {
            reasons.add("no commit for " + seconds(stall) + " while messages wait (limit "
                    + seconds(limits.maxCommitStall()) + ")");
        }
        if (full.compareTo(limits.maxBufferFull()) > 0) {
            reasons.add("buffer full for " + seconds(full) + ", intake paused (limit " + seconds(limits.maxBufferFull())
                    + ")");
        }
        if (lag.compareTo(limits.maxRuleLag()) > 0) {
            reasons.add(
                    "point rules " + seconds(lag) + " behind the commits (limit " + seconds(limits.maxRuleLag()) + ")");
        }
        Health.Builder builder = reasons.isEmpty() ? Health.up() : Health.down().withDetail("reasons", reasons);
        return builder.withDetail("commitStallSeconds", stall.toSeconds())
                .withDetail("bufferFullSeconds", full.toSeconds())
                .withDetail("ruleLagSeconds", lag.toSeconds())
                .withDetail("bufferDepth", pipeline.bufferDepth())
                .build();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }
}
