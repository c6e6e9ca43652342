package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.urad.envmon.ingest.registry.RegistryRepository;
import org.urad.envmon.ingest.registry.RegistrySeedLoader;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies that an extract for a month or a day range reads nothing after the period's end: its figures,
 * the quarter's "as of" mean level among them, are the same before and after later data arrive.
 */
class PeriodSemanticsIntegrationTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-20T00:00:00Z"), ZoneOffset.UTC);
    private static final Instant JUNE_2023 =
            LocalDate.of(2023, 6, 1).atStartOfDay(ReportPeriod.ZONE).toInstant();

    private MigratedDatabase database;

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aMonthOrDayRangeExtractDoesNotChangeWhenLaterDataAreAdded(@TempDir Path seed) throws Exception {
        // GIVEN monitoring and control wells with their levels up to the end of May 2023
        database = MigratedDatabase.create("periods");
        JdbcTemplate jdbc = new JdbcTemplate(database.dataSource());
        List<History.Raw> raw = MonitoringWellHistory.readings();
        MonitoringWellHistory.writeSeed(seed, 1000.0, 1000.0);
        var transactions = new DataSourceTransactionManager(database.dataSource());
        new RegistrySeedLoader(
                        jdbc, transactions, new DefaultResourceLoader(), new RegistryRepository(jdbc, transactions))
                .load(seed.toUri().toString());
        History.insert(
                database.dataSource(),
                raw.stream().filter(r -> r.ts().isBefore(JUNE_2023)).toList());
        Extractor extractor = new Extractor(database.dataSource(), ExtractProperties.defaults(), CLOCK);
        Map<String, Double> may = values(extractor.extract(ReportPeriod.parse("2023-05")));
        Map<String, Double> range = values(extractor.extract(ReportPeriod.parse("2023-04-10..2023-05-31")));
        Map<String, Double> quarter = values(extractor.extract(ReportPeriod.parse("2023-Q2")));

        // WHEN the rest of the history arrives (June 2023 on)
        History.insert(
                database.dataSource(),
                raw.stream().filter(r -> !r.ts().isBefore(JUNE_2023)).toList());

        // THEN the month and the day range quote what they quoted, the quarter as of May's end among them
        assertThat(may).containsKey("gw_quarter_mean_level Z1 2023-Q2");
        assertThat(values(extractor.extract(ReportPeriod.parse("2023-05")))).isEqualTo(may);
        assertThat(values(extractor.extract(ReportPeriod.parse("2023-04-10..2023-05-31"))))
                .isEqualTo(range);
        // the June data matter: the whole quarter's figure moves with them
        assertThat(values(extractor.extract(ReportPeriod.parse("2023-Q2"))).get("gw_quarter_mean_level Z1 2023-Q2"))
                .isNotEqualTo(quarter.get("gw_quarter_mean_level Z1 2023-Q2"));
    }

    /** Each figure by key and subject, to 1e-9 (sums in another order differ in the last bits). */
    private static Map<String, Double> values(ExtractReport report) {
        Map<String, Double> out = new LinkedHashMap<>();
        report.indicators()
                .forEach(i -> out.put(
                        i.key() + " " + i.subject(), i.value() == null ? null : Math.round(i.value() * 1e9) / 1e9));
        return out;
    }
}
