package org.urad.envmon.ingest.replay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.extract.Rollups;
import org.urad.envmon.ingest.inbound.InboundLimits;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.rules.CatchUp;
import org.urad.envmon.ingest.rules.CommittedBatchRules;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.store.IngestBuffer;
import org.urad.envmon.ingest.store.QuarantineReplays;

/**
 * The replay's message path: the live decoders, registry and checks, with two differences. The age limit
 * ({@code ingest.limits.max-age}) is waived as for an import (replayed data are old by nature), and so is the
 * per-device rate limit (it meters live traffic, and a replay is not a device sending). Its messages are not
 * counted as received: they were counted when they arrived.
 */
@Configuration(proxyBeanMethods = false)
class ReplayConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReplayConfiguration.class);

    @Bean
    QuarantineReplay quarantineReplay(
            DataSource dataSource,
            IngestProperties properties,
            Supplier<Registry> registry,
            List<PayloadDecoder> decoders,
            CommittedBatchRules batchRules,
            CatchUp catchUp,
            AuditLog audit,
            Clock clock) {
        var limits = properties.limits();
        TopicParser topics = new TopicParser(properties.mqtt().topicPrefix());
        MessageProcessor processor = new MessageProcessor(
                topics,
                decoders,
                new Normaliser(
                        new NormaliseSettings(limits.maxFutureSkew(), limits.maxAge(), properties.manualValuesValid())
                                .withoutAgeLimit()),
                registry,
                new IngestBuffer(1), // never filled: the replay takes outcomes() and writes them itself
                new IngestMetrics(new SimpleMeterRegistry()),
                new InboundLimits(limits.maxPayloadBytes(), limits.maxReadingsPerMessage()),
                clock);
        return new QuarantineReplay(
                new QuarantineReplays(dataSource),
                new Readmission(processor, topics, registry, clock),
                batchRules.synchronous(),
                () -> refreshRollups(dataSource),
                catchUp::run,
                audit,
                clock);
    }

    private static void refreshRollups(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG);
        } catch (SQLException e) {
            log.warn("Rollup refresh after a replay failed; the scheduled refresh will do it", e);
        }
    }
}
