package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that no message stops the writer: what the database refuses for a message's content is
 * found by splitting its batch and quarantined (or, failing that, dead-lettered) while everything
 * else commits; transient failures are retried and store everything once.
 */
class PoisonMessageIntegrationTests {

    /** How long a good reading may wait behind a poison message: the bar. */
    private static final Duration PROMPT = Duration.ofSeconds(5);

    private static final double POISON = 0.123;

    @Test
    void aNulQuotedInTheRejectionDetailDoesNotStopTheWriter() throws Exception {
        try (Scenario s = new Scenario("NUL in a rejected payload");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), new SimpleMeterRegistry());

            // GIVEN a payload whose rejection quotes the sender's NUL, then a good reading
            byte[] bad = "{\"v\":\"\\u0000\"}".getBytes(StandardCharsets.UTF_8);
            publisher.publish(s.topic(Scenario.WELL), bad);
            publisher.publish(s.topic(Scenario.WELL), s.reading(Scenario.WELL, 1));

            // THEN the good reading is stored promptly and the bad one is quarantined with its bytes
            assertThat(s.db.awaitCount(PROMPT, n -> n >= 1, "SELECT count(*) FROM well_reading"))
                    .isEqualTo(1);
            assertThat(s.db.awaitCount(PROMPT, n -> n >= 1, "SELECT count(*) FROM quarantine"))
                    .isEqualTo(1);
            assertThat(s.db.count("SELECT count(*) FROM quarantine WHERE payload = ?", bad))
                    .isEqualTo(1);
            assertThat(s.db.strings("SELECT detail FROM quarantine")).noneMatch(d -> d.indexOf('\u0000') >= 0);
        }
    }

    @Test
    void aTopicOfThousandsOfCharactersIsQuarantinedBoundedAndTheNextReadingStored() throws Exception {
        try (Scenario s = new Scenario("topic level of 5,000 characters");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), new SimpleMeterRegistry());

            // GIVEN a last topic level of 5,000 random characters, then a good reading
            String topic = s.prefix + "/well/" + Scenario.WELL + "/" + random(5000, 7);
            byte[] payload = s.reading(Scenario.WELL, 2);
            publisher.publish(topic, payload);
            publisher.publish(s.topic(Scenario.WELL), s.reading(Scenario.WELL, 1));

            // THEN the reading is stored promptly; the odd one is quarantined, keyed by the whole topic's hash
            assertThat(s.db.awaitCount(PROMPT, n -> n >= 1, "SELECT count(*) FROM well_reading"))
                    .isEqualTo(1);
            assertThat(s.db.awaitCount(PROMPT, n -> n >= 1, "SELECT count(*) FROM quarantine"))
                    .isEqualTo(1);
            assertThat(s.db.count(
                            "SELECT count(*) FROM quarantine WHERE reason = 'unsupported_topic'"
                                    + " AND length(topic) <= 1024 AND topic_sha256 = ?",
                            sha256(topic.getBytes(StandardCharsets.UTF_8))))
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {"22023", "23514", "54000"})
    void isolatesTheMessageTheDatabaseRefusesAndStoresTheRestOfItsBatch(String sqlState) throws Exception {
        try (Scenario s = new Scenario("database refuses one message (SQLSTATE " + sqlState + ")");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            // GIVEN a database that refuses one particular value with this SQLSTATE
            refuse(s, "well_reading", "NEW.value = " + POISON, sqlState, false);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), meters);

            // WHEN that value arrives among good readings
            s.publish(publisher, 0, 200);
            byte[] poison = poison(s);
            publisher.publish(s.topic(Scenario.WELL), poison);
            s.publish(publisher, 200, 400);
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();

            // THEN every good reading is stored once and the refused message is quarantined with its bytes
            assertThat(s.awaitStored(400)).isEqualTo(400);
            assertThat(s.db.awaitCount(Scenario.WAIT, n -> n >= 1, "SELECT count(*) FROM quarantine"))
                    .isEqualTo(1);
            assertThat(s.db.strings("SELECT reason || ' ' || detail FROM quarantine WHERE payload = ?", poison))
                    .singleElement()
                    .asString()
                    .startsWith("internal_error the database refused this message (SQLSTATE " + sqlState + ")");
            assertThat(Scenario.counter(meters, IngestMetrics.WRITE_ISOLATED)).isEqualTo(1.0);
            FaultReport.Row row = s.report(400, 1, null);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }

    @ParameterizedTest(name = "SQLSTATE {0}")
    @ValueSource(strings = {"08006", "40001", "40P01", "53300", "57P01"})
    void retriesTransientFailuresAndStoresEverythingOnce(String sqlState) throws Exception {
        try (Scenario s = new Scenario("database fails 3 times (SQLSTATE " + sqlState + ")");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            // GIVEN a database whose first three writes fail with this SQLSTATE, whatever they hold
            refuse(s, "well_reading", "true", sqlState, true);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), meters);

            // WHEN readings arrive
            s.publish(publisher, 0, 300);
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();

            // THEN the writes are retried as they are: all stored once, nothing quarantined or split
            assertThat(s.awaitStored(300)).isEqualTo(300);
            assertThat(s.db.count("SELECT count(*) FROM quarantine")).isZero();
            assertThat(Scenario.counter(meters, IngestMetrics.FLUSH_FAILURES)).isGreaterThanOrEqualTo(3.0);
            assertThat(Scenario.counter(meters, IngestMetrics.WRITE_ISOLATED)).isZero();
            FaultReport.Row row = s.report(300, 0, null);
            assertThat(row.lost()).isZero();
            assertThat(row.duplicated()).isZero();
        }
    }

    @Test
    void writesADeadLetterWhenEvenTheQuarantineRefusesTheMessage(@TempDir Path letters) throws Exception {
        try (Scenario s = new Scenario("database refuses a message and its quarantine row");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            // GIVEN a database that refuses one value, and refuses to quarantine it as well
            refuse(s, "well_reading", "NEW.value = " + POISON, "22023", false);
            refuse(s, "quarantine", "NEW.reason = 'internal_error'", "22023", false);
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            IngestProperties.Buffer b = Pipelines.TEST_BUFFER;
            s.start(
                    Pipelines.properties(
                            TestServices.mqttUrl(),
                            Scenario.clientId(),
                            s.prefix,
                            null,
                            new IngestProperties.Buffer(
                                    b.capacity(),
                                    b.maxBatch(),
                                    b.maxWait(),
                                    b.retryMin(),
                                    b.retryMax(),
                                    b.shutdownGrace(),
                                    letters)),
                    meters);

            // WHEN it arrives among good readings
            s.publish(publisher, 0, 50);
            byte[] poison = poison(s);
            publisher.publish(s.topic(Scenario.WELL), poison);
            s.publish(publisher, 50, 100);
            assertThat(publisher.awaitCompletion(Scenario.WAIT)).isTrue();

            // THEN the rest is stored, and the message's bytes and story are in the dead-letter directory
            assertThat(s.awaitStored(100)).isEqualTo(100);
            Scenario.awaitTrue("a dead letter", () -> Scenario.counter(meters, IngestMetrics.DEAD_LETTERS) >= 1);
            List<Path> files;
            try (Stream<Path> listed = Files.list(letters)) {
                files = listed.sorted().toList();
            }
            assertThat(files).hasSize(2);
            Path bin = files.stream()
                    .filter(f -> f.toString().endsWith(".bin"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Files.readAllBytes(bin)).isEqualTo(poison);
            String story = Files.readString(Path.of(bin.toString().replace(".bin", ".txt")));
            assertThat(story).contains("topic: " + s.topic(Scenario.WELL)).contains("SQLSTATE 22023");
            assertThat(s.db.count("SELECT count(*) FROM quarantine")).isZero();
        }
    }

    @Test
    void showsHowLongTheWriterHoldsABatchItCannotCommit() throws Exception {
        try (Scenario s = new Scenario("database refuses every write");
                MqttPublisher publisher = s.publisher(TestServices.mqttUrl())) {
            // GIVEN a database that keeps failing transiently for one value
            refuse(s, "well_reading", "NEW.value = " + POISON, "08006", false);
            IngestPipeline pipeline =
                    s.start(s.properties(TestServices.mqttUrl(), Scenario.clientId()), new SimpleMeterRegistry());
            assertThat(pipeline.commitStall()).isZero();

            // WHEN that value arrives, the writer holds its batch and the stall grows
            publisher.publish(s.topic(Scenario.WELL), poison(s));
            Scenario.awaitTrue("a stall of 2 s", () -> pipeline.commitStall().compareTo(Duration.ofSeconds(2)) > 0);

            // THEN once the database takes it again, the batch commits and the stall is over
            new JdbcTemplate(s.database.dataSource()).execute("DROP TRIGGER refuse ON well_reading");
            assertThat(s.awaitStored(1)).isEqualTo(1);
            Scenario.awaitTrue("no stall", () -> pipeline.commitStall().isZero());
        }
    }

    /**
     * A trigger that raises {@code sqlState} for rows matching {@code condition}: always, or, with
     * {@code firstThree}, for the first three statements only (a sequence survives the rollback).
     */
    private static void refuse(Scenario s, String table, String condition, String sqlState, boolean firstThree) {
        JdbcTemplate jdbc = new JdbcTemplate(s.database.dataSource());
        jdbc.execute("CREATE SEQUENCE IF NOT EXISTS refusals");
        String when = firstThree ? "(" + condition + ") AND nextval('refusals') <= 3" : condition;
        jdbc.execute("CREATE OR REPLACE FUNCTION refuse_" + table + "() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF " + when + " THEN RAISE EXCEPTION 'refused by the test' USING ERRCODE = '" + sqlState
                + "'; END IF; RETURN NEW; END $$");
        String level = firstThree ? "STATEMENT" : "ROW";
        jdbc.execute("CREATE TRIGGER refuse BEFORE INSERT ON " + table + " FOR EACH " + level
                + " EXECUTE FUNCTION refuse_" + table + "()");
    }

    private static byte[] poison(Scenario s) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        return ("{\"device\":\"" + Scenario.WELL + "\",\"readings\":[{\"param\":\"flow\",\"value\":" + POISON
                        + ",\"time\":\"" + time + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String random(int length, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
