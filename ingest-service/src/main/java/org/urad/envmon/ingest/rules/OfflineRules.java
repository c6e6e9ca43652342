package org.urad.envmon.ingest.rules;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.urad.envmon.ingest.metrics.RuleMetrics;
import org.urad.envmon.ingest.registry.Registry;

/**
 * The rules as a one-shot command runs them, without the service: the point rules judge each committed
 * batch on the caller's thread, and the catch-up judges the windows the data marked. Nothing is notified
 * (a command has no channels); alerts it opens are notified by no one, which is why the service's own
 * {@code POST /api/import} is the way to load recent data.
 */
public final class OfflineRules implements AutoCloseable {

    private final CommittedBatchRules batches;
    private final CatchUp catchUp;

    public OfflineRules(DataSource dataSource, Supplier<Registry> registry, RulesProperties p, Clock clock) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        RuleMetrics metrics = new RuleMetrics(new SimpleMeterRegistry());
        RuleCatalogue catalogue = new RuleCatalogue(jdbc);
        String problem = catalogue.load(read(p.catalogue()), p.catalogue());
        if (problem != null) {
            throw new IllegalStateException("Rule set " + p.catalogue() + " refused: " + problem);
        }
        RuleRunner runner = new RuleRunner(
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)),
                new AlertTracker(jdbc, metrics, clock, p.zone()),
                null,
                clock,
                p.notifyWithin());
        QuarterClock quarters = new QuarterClock(p.zone());
        WindowScheduler windows = new WindowScheduler(
                jdbc,
                runner,
                new GroundwaterQuarters(new GroundwaterData(jdbc, p.zone()), registry, catalogue::current, quarters),
                quarters,
                clock,
                p.groundwaterBackfill(),
                metrics);
        PeriodicRules periodic = new PeriodicRules(
                jdbc, windows, catalogue::current, clock, p.zone(), p.monitorBackfill(), p.provisional(), metrics);
        this.batches = new CommittedBatchRules(
                jdbc, runner, windows, registry, catalogue::current, metrics, p.zone(), clock, p.batchQueue());
        this.catchUp = new CatchUp(jdbc, windows, periodic, clock, metrics);
    }

    /** The point rules for one committed batch, judged now on the caller's thread. */
    public CommittedBatchRules batches() {
        return batches;
    }

    public CatchUp catchUp() {
        return catchUp;
    }

    private static String read(String location) {
        try (var in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read rule set " + location, e);
        }
    }

    @Override
    public void close() {
        batches.close();
    }
}
