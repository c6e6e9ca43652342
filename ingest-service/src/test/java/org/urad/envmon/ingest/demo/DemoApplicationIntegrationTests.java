package org.urad.envmon.ingest.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
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
import org.urad.envmon.ingest.metrics.TcpMetrics;
import org.urad.envmon.ingest.support.Db;

/**
 * Verifies the README's run command: with no database or broker configured, the demo profile starts
 * embedded PostgreSQL and an embedded broker, the simulator's readings of every device family are
 * stored, the scripted calibration breach raises its alert, and health is UP; the sample registry's SZY 206
 * wells and SL 651 gates report over TCP to the demo's listeners, every frame confirmed.
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
                "--ingest.szy206.port=0",
                "--ingest.sl651.port=0",
                "--server.port=0");
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void terminalWellsAndGatesReportOverTheirProtocolsAndEveryFrameIsConfirmed() throws Exception {
        Db db = new Db(context.getBean(DataSource.class));
        // W0006 has SZY 206 terminal 1508240600, GATE-01 SL 651 station 0015082401 (wells.csv, gates.csv)
        assertThat(db.strings("SELECT protocol || ' ' || address || ' ' || device_id FROM terminal"
                        + " WHERE device_id IN ('W0006', 'GATE-01') ORDER BY device_id"))
                .containsExactly("sl651 0015082401 GATE-01", "szy206 1508240600 W0006");
        // any of them: a device may skip its first report (the simulator's typical gaps), and gates report every 5 min
        assertThat(db.awaitCount(
                        WAIT,
                        n -> n >= 2,
                        "SELECT count(DISTINCT r.parameter) FROM well_reading r JOIN terminal t USING (device_id)"
                                + " WHERE t.protocol = 'szy206' AND r.parameter IN ('flow', 'volume_total')"))
                .isEqualTo(2);
        assertThat(db.awaitCount(
                        WAIT,
                        n -> n >= 3,
                        "SELECT count(DISTINCT r.parameter) FROM gate_reading r JOIN terminal t USING (device_id)"
                                + " WHERE t.protocol = 'sl651' AND r.parameter IN ('flow', 'level', 'gate_opening')"))
                .isEqualTo(3);
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        for (String protocol : new String[] {"szy206", "sl651"}) {
            double frames = meters.get(TcpMetrics.FRAMES)
                    .tag("protocol", protocol)
                    .counter()
                    .count();
            // one connection carries all the simulated terminals of a protocol
            assertThat(meters.get(TcpMetrics.CONNECTIONS)
                            .tag("protocol", protocol)
                            .gauge()
                            .value())
                    .as(protocol)
                    .isEqualTo(1);
            assertThat(frames).as(protocol).isPositive();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (meters.get(TcpMetrics.REPLIES)
                                    .tag("protocol", protocol)
                                    .counter()
                                    .count()
                            < frames
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(meters.get(TcpMetrics.REPLIES)
                            .tag("protocol", protocol)
                            .counter()
                            .count())
                    .as("confirmations written, %s", protocol)
                    .isGreaterThanOrEqualTo(frames);
            assertThat(meters.find(TcpMetrics.FRAMES_REFUSED)
                            .tag("protocol", protocol)
                            .counters())
                    .as(protocol)
                    .allSatisfy(c -> assertThat(c.count()).isZero());
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
