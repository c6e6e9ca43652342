package org.urad.envmon.ingest.extract;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the extractor: it reads from {@code ingest.extract.datasource} (a replica) when set, else from the
 * application's database, and writes hand-entered indicators to the application's database.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ExtractProperties.class, ExtractDataSourceProperties.class})
class ExtractConfiguration {

    @Bean(destroyMethod = "close")
    ReadOnlyPool extractReads(DataSource dataSource, ExtractDataSourceProperties settings) {
        return ReadOnlyPool.of(settings, dataSource);
    }

    @Bean
    Extractor extractor(DataSource dataSource, ReadOnlyPool reads, ExtractProperties settings) {
        return new Extractor(reads.dataSource(), dataSource, settings, Clock.systemUTC());
    }
}
