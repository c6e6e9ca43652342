package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.extract.ExtractCommand;
import org.urad.envmon.ingest.extract.Rollups;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that extracts can read a streaming replica ({@code ingest.extract.datasource.*}), as the scale-out
 * profile's Grafana does: through a role that may only {@code SELECT}, on read-only connections. The "replica"
 * here is a database of its own holding two years of four wells; the service's own database holds none of it,
 * so what the extract shows can only have come from the replica.
 */
class ReplicaExtractIntegrationTests {

    private static final String PERIOD = "2025-Q3";

    @TempDir
    Path work;

    @Test
    void theExtractCommandReadsTheReplicaThroughASelectOnlyRole() throws Exception {
        try (MigratedDatabase replica = history("replica_cmd");
                SelectOnlyRole reader = SelectOnlyRole.create(replica)) {
            // GIVEN the extract written with the owner's rights
            Path owner = work.resolve("owner.csv");
            command(
                    owner,
                    "--spring.datasource.url=" + replica.url(),
                    "--spring.datasource.username=" + TestServices.user());

            // WHEN it is written through the read-only role
            Path readOnly = work.resolve("read-only.csv");
            String printed = command(
                    readOnly,
                    "--ingest.extract.datasource.url=" + replica.url(),
                    "--ingest.extract.datasource.username=" + reader.name,
                    "--ingest.extract.datasource.password=" + reader.password);

            // THEN it did not try to refresh the aggregates, and the files agree
            assertThat(printed).contains("read-only database");
            String expected = WellHistory.text(Files.readAllBytes(owner));
            assertThat(expected).contains("CW1");
            assertThat(WellHistory.text(Files.readAllBytes(readOnly))).isEqualTo(expected);
        }
    }

    @Test
    void theServiceReadsExtractsFromTheReplicaAndStoresManualEntriesInItsOwnDatabase() throws Exception {
        String token = "extract-token-" + UUID.randomUUID();
        try (MigratedDatabase replica = history("replica_api");
                SelectOnlyRole reader = SelectOnlyRole.create(replica)) {
            Path expected = work.resolve("expected.csv");
            command(
                    expected,
                    "--spring.datasource.url=" + replica.url(),
                    "--spring.datasource.username=" + TestServices.user());
            String primary = TestServices.freshDatabase("primary");
            try (ConfigurableApplicationContext service = new SpringApplication(IngestApplication.class)
                    .run(
                            "--spring.datasource.url=" + primary,
                            "--spring.datasource.username=" + TestServices.user(),
                            "--spring.datasource.password=" + TestServices.password(),
                            "--ingest.extract.datasource.url=" + replica.url(),
                            "--ingest.extract.datasource.username=" + reader.name,
                            "--ingest.extract.datasource.password=" + reader.password,
                            "--ingest.embedded.enabled=false",
                            "--ingest.mqtt.url=" + TestServices.mqttUrl(),
                            "--ingest.mqtt.client-id=replica-extract-" + UUID.randomUUID(),
                            "--ingest.security.users[0].name=ops",
                            "--ingest.security.users[0].role=operator",
                            "--ingest.security.users[0].token=" + token,
                            "--server.port=0")) {
                String base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
                HttpClient http = HttpClient.newHttpClient();

                // WHEN the quarter is extracted over the API
                HttpResponse<byte[]> extract = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/extracts?period=" + PERIOD + "&format=csv"))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                // and an indicator is entered by hand
                HttpResponse<String> manual = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/api/indicators/manual"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"key\":\"forest_coverage\",\"nameZh\":\"森林覆盖率\",\"value\":12.6,"
                                                + "\"unit\":\"%\",\"source\":\"林草局\",\"asOf\":\"2025-06-30\","
                                                + "\"enteredBy\":\"林草局填报\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

                // THEN the extract is the replica's, and the entry went to the service's own database
                assertThat(extract.statusCode()).isEqualTo(200);
                assertThat(WellHistory.text(extract.body())).isEqualTo(WellHistory.text(Files.readAllBytes(expected)));
                assertThat(manual.statusCode()).as(manual.body()).isEqualTo(201);
                JdbcTemplate own = new JdbcTemplate(
                        new DriverManagerDataSource(primary, TestServices.user(), TestServices.password()));
                assertThat(own.queryForObject("SELECT count(*) FROM manual_indicator", Long.class))
                        .isOne();
                assertThat(new JdbcTemplate(replica.dataSource())
                                .queryForObject("SELECT count(*) FROM manual_indicator", Long.class))
                        .isZero();
            }
        }
    }

    /** A database with the wells' history, its aggregates refreshed (as the primary's service does). */
    private static MigratedDatabase history(String name) throws Exception {
        MigratedDatabase db = MigratedDatabase.create(name);
        JdbcTemplate jdbc = new JdbcTemplate(db.dataSource());
        WellHistory.registry(jdbc);
        WellHistory.readings(jdbc);
        try (Connection c = db.dataSource().getConnection()) {
            Rollups.refresh(c, Rollups.DEFAULT_LAG);
        }
        return db;
    }

    /** Runs the extract command for {@link #PERIOD} into {@code out}; returns what it printed. */
    private static String command(Path out, String... database) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--ingest.extract.period=" + PERIOD, "--ingest.extract.out=" + out, "--ingest.extract.format=csv"));
        args.addAll(List.of(database));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ExtractCommand.main(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** A login role that may connect to the database and read its tables and views, nothing else. */
    private static final class SelectOnlyRole implements AutoCloseable {
        final String name = "extract_reader_" + UUID.randomUUID().toString().substring(0, 8);
        final String password = UUID.randomUUID().toString();
        private final JdbcTemplate jdbc;

        private SelectOnlyRole(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        static SelectOnlyRole create(MigratedDatabase database) {
            SelectOnlyRole role = new SelectOnlyRole(new JdbcTemplate(database.dataSource()));
            String db = role.jdbc.queryForObject("SELECT current_database()", String.class);
            role.jdbc.execute("CREATE ROLE " + role.name + " LOGIN PASSWORD '" + role.password + "'");
            role.jdbc.execute("GRANT CONNECT ON DATABASE " + db + " TO " + role.name);
            role.jdbc.execute("GRANT USAGE ON SCHEMA public TO " + role.name);
            role.jdbc.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + role.name);
            return role;
        }

        @Override
        public void close() {
            jdbc.execute("DROP OWNED BY " + name);
            jdbc.execute("DROP ROLE " + name);
        }
    }
}
