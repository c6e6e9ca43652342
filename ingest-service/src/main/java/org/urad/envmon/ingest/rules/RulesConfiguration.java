package org.urad.envmon.ingest.rules;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.notify.EmailNotifyProperties;
import org.urad.envmon.ingest.notify.EmailSender;
import org.urad.envmon.ingest.notify.MqttAlertSender;
import org.urad.envmon.ingest.notify.MqttNotifyProperties;
import org.urad.envmon.ingest.notify.Notifier;
import org.urad.envmon.ingest.notify.NotifyProperties;
import org.urad.envmon.ingest.registry.Registry;

/**
 * The rules, alerts and notifications. The ingestion path's post-commit consumer is the
 * {@link CommittedBatchRules} bean; everything else runs on its own threads and the schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({
    RulesProperties.class,
    NotifyProperties.class,
    MqttNotifyProperties.class,
    EmailNotifyProperties.class
})
public class RulesConfiguration {

    @Bean
    RuleMetrics ruleMetrics(MeterRegistry registry) {
        return new RuleMetrics(registry);
    }

    @Bean
    RuleCatalogue ruleCatalogue(DataSource dataSource, ResourceLoader resources, RulesProperties properties) {
        RuleCatalogue catalogue = new RuleCatalogue(new JdbcTemplate(dataSource));
        String problem = catalogue.load(read(resources, properties.catalogue()), properties.catalogue());
        if (problem != null) {
            throw new IllegalStateException("Rule set " + properties.catalogue() + " refused: " + problem);
        }
        return catalogue;
    }

    @Bean(destroyMethod = "close")
    Notifier alertNotifier(
            NotifyProperties properties,
            MqttNotifyProperties mqtt,
            EmailNotifyProperties email,
            ObjectProvider<IngestProperties> ingest,
            ObjectProvider<JavaMailSender> mail,
            RuleMetrics metrics,
            DataSource dataSource,
            Clock clock)
            throws MqttException {
        MqttAlertSender sender = null;
        if (mqtt.enabled()) {
            IngestProperties.Mqtt own = ingest.getObject().mqtt();
            sender = MqttAlertSender.create(mqtt, own);
        }
        EmailSender emailSender = null;
        if (email.enabled()) {
            JavaMailSender smtp = mail.getIfAvailable();
            if (smtp == null) {
                throw new IllegalStateException(
                        "ingest.notify.email.enabled is true but no SMTP server is configured (spring.mail.host)");
            }
            emailSender =
                    new EmailSender(EmailSender.withTimeouts(smtp, properties.timeout()), email, properties.language());
        }
        return new Notifier(
                        properties,
                        dataSource,
                        metrics,
                        new AlertEventLog(new JdbcTemplate(dataSource)),
                        clock,
                        sender,
                        emailSender)
                .start();
    }

    @Bean
    RuleRunner ruleRunner(
            DataSource dataSource, RuleMetrics metrics, Notifier notifier, Clock clock, RulesProperties p) {
        return new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new AlertTracker(new JdbcTemplate(dataSource), metrics, clock, p.zone()),
                notifier,
                clock,
                p.notifyWithin());
    }

    @Bean
    GroundwaterData groundwaterData(DataSource dataSource, RulesProperties p) {
        return new GroundwaterData(new JdbcTemplate(dataSource), p.zone());
    }

    @Bean
    WindowScheduler windowScheduler(
            DataSource dataSource,
            RuleRunner runner,
            GroundwaterData groundwater,
            Supplier<Registry> registry,
            RuleCatalogue catalogue,
            Clock clock,
            RulesProperties p,
            RuleMetrics metrics) {
        QuarterClock quarters = new QuarterClock(p.zone());
        return new WindowScheduler(
                new JdbcTemplate(dataSource),
                runner,
                new GroundwaterQuarters(groundwater, registry, catalogue::current, quarters),
                quarters,
                clock,
                p.groundwaterBackfill(),
                metrics);
    }

    @Bean
    PeriodicRules periodicRules(
            DataSource dataSource,
            WindowScheduler windows,
            RuleCatalogue catalogue,
            Clock clock,
            RulesProperties p,
            RuleMetrics metrics) {
        return new PeriodicRules(
                new JdbcTemplate(dataSource),
                windows,
                catalogue::current,
                clock,
                p.zone(),
                p.monitorBackfill(),
                p.provisional(),
                metrics);
    }

    @Bean
    CatchUp catchUp(
            DataSource dataSource, WindowScheduler windows, PeriodicRules periodic, Clock clock, RuleMetrics metrics) {
        return new CatchUp(new JdbcTemplate(dataSource), windows, periodic, clock, metrics);
    }

    @Bean(destroyMethod = "close")
    CommittedBatchRules committedBatchRules(
            DataSource dataSource,
            RuleRunner runner,
            WindowScheduler windows,
            Supplier<Registry> registry,
            RuleCatalogue catalogue,
            RuleMetrics metrics,
            Clock clock,
            RulesProperties p) {
        CommittedBatchRules rules = new CommittedBatchRules(
                new JdbcTemplate(dataSource),
                runner,
                windows,
                registry,
                catalogue::current,
                metrics,
                p.zone(),
                clock,
                p.batchQueue());
        metrics.lag(() -> rules.lag().toMillis() / 1000.0);
        return rules;
    }

    @Bean
    PointRuleSweep pointRuleSweep(CommittedBatchRules rules, RulesProperties p) {
        return rules.sweep(p.dueSweepAfter());
    }

    @Bean
    RulesSchedule rulesSchedule(
            CatchUp catchUp,
            WindowScheduler windows,
            PeriodicRules periodic,
            PointRuleSweep sweep,
            RuleCatalogue catalogue,
            ResourceLoader resources,
            RulesProperties p) {
        return new RulesSchedule(
                catchUp, windows, periodic, sweep, () -> catalogue.load(read(resources, p.catalogue()), p.catalogue()));
    }

    /**
     * The scheduled passes: windowed rules, status rules, the point rules' left-over work, and re-reading the
     * rule set (a bad edit is refused).
     */
    static final class RulesSchedule {
        private final CatchUp catchUp;
        private final WindowScheduler windows;
        private final PeriodicRules periodic;
        private final PointRuleSweep sweep;
        private final Runnable reload;

        RulesSchedule(
                CatchUp catchUp,
                WindowScheduler windows,
                PeriodicRules periodic,
                PointRuleSweep sweep,
                Runnable reload) {
            this.catchUp = catchUp;
            this.windows = windows;
            this.periodic = periodic;
            this.sweep = sweep;
            this.reload = reload;
        }

        /** At startup, then every interval: the point rules' work a crash or a failure left undone. */
        @Scheduled(fixedDelayString = "${ingest.rules.due-sweep-interval:1m}")
        void pointRules() {
            sweep.run();
        }

        @Scheduled(
                initialDelayString = "${ingest.rules.window-interval:5m}",
                fixedDelayString = "${ingest.rules.window-interval:5m}")
        void windows() {
            catchUp.run();
            windows.runOnce();
            periodic.runWindows();
        }

        @Scheduled(
                initialDelayString = "${ingest.rules.status-interval:1m}",
                fixedDelayString = "${ingest.rules.status-interval:1m}")
        void status() {
            periodic.runStatus();
        }

        @Scheduled(
                initialDelayString = "${ingest.rules.reload-interval:5m}",
                fixedDelayString = "${ingest.rules.reload-interval:5m}")
        void reload() {
            reload.run();
        }
    }

    private static String read(ResourceLoader resources, String location) {
        try (var in = resources.getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read rule set " + location, e);
        }
    }
}
