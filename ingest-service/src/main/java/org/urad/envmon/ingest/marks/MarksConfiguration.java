package org.urad.envmon.ingest.marks;

import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Data marks: their store and time limits; the API is {@link MarkController}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarksProperties.class)
public class MarksConfiguration {

    @Bean
    MarkStore markStore(DataSource dataSource) {
        return new MarkStore(new JdbcTemplate(dataSource));
    }
}
