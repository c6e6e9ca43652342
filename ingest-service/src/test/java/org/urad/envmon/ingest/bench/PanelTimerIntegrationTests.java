package org.urad.envmon.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.bench.PanelTimer.PanelTime;
import org.urad.envmon.ingest.deploy.DashboardFixture;
import org.urad.envmon.ingest.deploy.Dashboards;
import org.urad.envmon.ingest.deploy.GrafanaSql;
import org.urad.envmon.ingest.support.MigratedDatabase;

/**
 * Verifies that the panel timer runs every query of the PostgreSQL data source once, on a small migrated database
 * holding a little of everything, and records a time for each without an error.
 */
class PanelTimerIntegrationTests {

    @Test
    void timesEveryPanelQueryOfThePostgresDataSourceWithoutError() throws Exception {
        // GIVEN a migrated database with the dashboards' fixture and the rule set the service publishes
        try (MigratedDatabase db = MigratedDatabase.create("panels")) {
            DashboardFixture.load(db.dataSource());
            Instant to = Panels.newestReading(db.dataSource());

            // WHEN every panel query is timed once, over the 30 days before the newest reading
            List<PanelTime> times = new PanelTimer(
                            db.dataSource(),
                            new GrafanaSql(Panels.timescaledb(db.dataSource())),
                            Panels.range(to.minus(Duration.ofDays(30)), to))
                    .time(1);

            // THEN each target has its time, with and without JIT, and none failed
            List<String> expected = Dashboards.targets(PanelTimer.DATASOURCE).stream()
                    .map(t -> t.dashboard().title() + " / " + t.panel().get("title") + " / "
                            + t.query().get("refId"))
                    .toList();
            assertThat(expected).isNotEmpty();
            assertThat(times.stream()
                            .map(t -> t.dashboard() + " / " + t.panel() + " / " + t.refId())
                            .toList())
                    .isEqualTo(expected);
            assertThat(times).allSatisfy(t -> {
                assertThat(t.error()).as("error of %s", t.panel()).isNull();
                assertThat(t.millis()).as("times of %s", t.panel()).hasSize(1);
                assertThat(t.noJitMillis())
                        .as("times without JIT of %s", t.panel())
                        .hasSize(1);
                assertThat(t.medianMillis()).isPositive();
                assertThat(t.medianNoJitMillis()).isPositive();
            });
            assertThat(times).anyMatch(t -> t.rows() > 0);
            assertThat(PanelReport.markdown(times, "test"))
                    .contains("| panel queries timed / failed | " + times.size() + " / 0 |");
        }
    }
}
