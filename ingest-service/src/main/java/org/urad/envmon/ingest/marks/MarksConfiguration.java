package org.urad.envmon.ingest.marks;

import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.rules.RulesProperties;
import org.urad.envmon.ingest.rules.WindowScheduler;
import org.urad.envmon.ingest.security.AuditLog;

/** Data marks: their store and time limits; the checks and changes are {@link Marks}, used by the API ({@link MarkController}) and the
 * console. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarksProperties.class)
public class MarksConfiguration {

    @Bean
    MarkStore markStore(DataSource dataSource) {
        return new MarkStore(new JdbcTemplate(dataSource));
    }

    @Bean
    Marks marks(
            MarkStore store,
            AuditLog audit,
            WindowScheduler windows,
            MarksProperties settings,
            Clock clock,
            RulesProperties rules) {
        return new Marks(store, audit, windows, settings, clock, rules);
    }
}
