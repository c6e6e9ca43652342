package org.urad.envmon.ingest.importer;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.extract.Rollups;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.rules.CatchUp;
import org.urad.envmon.ingest.rules.CommittedBatchRules;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.security.AuditLog;
import org.urad.envmon.ingest.store.BatchWriter;

/** {@code POST /api/import}: the service's own import, judged by its rules and notified by its channels. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ImportConfiguration.class);

    @Bean
    HistoryImport historyImport(
            DataSource dataSource,
            IngestProperties properties,
            RulesProperties rules,
            Supplier<Registry> registry,
            CommittedBatchRules batchRules,
            CatchUp catchUp,
            AuditLog audit,
            Clock clock) {
        var limits = properties.limits();
        Importer importer = new Importer(
                new BatchWriter(dataSource),
                new Normaliser(
                        new NormaliseSettings(limits.maxFutureSkew(), limits.maxAge(), properties.manualValuesValid())
                                .withoutAgeLimit()),
                registry,
                batchRules.synchronous(),
                rules.zone(),
                clock);
        return new HistoryImport(importer, () -> refreshRollups(dataSource), catchUp::run, audit);
    }

    /** The late buckets an import leaves are re-materialised now, so the first extract after it is fast. */
    private static void refreshRollups(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG);
        } catch (SQLException e) {
            log.warn("Rollup refresh after an import failed; the scheduled refresh will do it", e);
        }
    }
}
