package org.urad.envmon.ingest.extract;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the extractor onto the application's database. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ExtractProperties.class)
class ExtractConfiguration {

    @Bean
    Extractor extractor(DataSource dataSource, ExtractProperties settings) {
        return new Extractor(dataSource, settings, Clock.systemUTC());
    }
}
