package org.urad.envmon.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.support.Db;

/**
 * Verifies the README's run command: with no database or broker configured, the demo profile starts
 * embedded PostgreSQL and an embedded broker, the simulator's readings of every device family are
 * stored, the scripted calibration breach raises its alert, and health is UP.
 */
class DemoApplicationIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path dataDir;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startTheDemo() throws Exception {
        dataDir = Files.createTempDirectory("demo-data");
        SpringApplication app = new SpringApplication(IngestApplication.class);
        app.setAdditionalProfiles("demo");
        context = app.run(
                "--ingest.embedded.data-dir=" + dataDir,
                "--ingest.embedded.postgres.port=0",
                "--ingest.embedded.mqtt.port=0",
                "--ingest.hj212.port=0",
                "--server.port=0");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void storesEveryFamilyRaisesTheScriptedCalibrationAlertAndReportsHealth() throws Exception {
        Db db = new Db(context.getBean(DataSource.class));
        for (String table : new String[] {"well_reading", "cems_reading", "water_quality_reading", "gate_reading"}) {
            assertThat(db.awaitCount(WAIT, n -> n > 0, "SELECT count(*) FROM " + table))
                    .as(table)
                    .isPositive();
        }
        assertThat(db.awaitCount(
                        WAIT,
                        n -> n > 0,
                        "SELECT count(*) FROM calibration_record WHERE measured = 50 AND reference = 100"))
                .isPositive();
        assertThat(db.awaitCount(
                        WAIT,
                        n -> n > 0,
                        "SELECT count(*) FROM alert WHERE rule_id = 'CEMS_CALIBRATION_DRIFT' AND margin = 47.5"))
                .isPositive();
        assertThat(db.strings("SELECT reason || ': ' || detail FROM quarantine"))
                .isEmpty();

        String port = context.getEnvironment().getProperty("local.server.port");
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        // Component details are for authenticated viewers; the broker's indicator itself is UP.
        assertThat(context.getBean("broker", HealthIndicator.class).health().getStatus())
                .isEqualTo(Status.UP);
        // Readiness (the writer commits, the buffer drains, the rules keep up) and liveness are probes of their own.
        for (String probe : new String[] {"readiness", "liveness"}) {
            HttpResponse<String> state = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/" + probe))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(state.statusCode()).as(probe).isEqualTo(200);
            assertThat(state.body()).as(probe).contains("\"status\":\"UP\"");
        }
        assertThat(context.getBean("pipeline", HealthIndicator.class).health().getStatus())
                .isEqualTo(Status.UP);
    }
}
