package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies, through the real broker and database, that readings land exactly once or in quarantine. */
class IngestPipelineIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MigratedDatabase database;
    private Db db;
    private String prefix;
    private IngestPipeline pipeline;
    private TestPublisher publisher;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("pipeline");
        db = new Db(database.dataSource());
        prefix = Pipelines.uniquePrefix();
        pipeline = Pipelines.start(properties("ingest-" + UUID.randomUUID()), database.dataSource(), registry, meters);
        publisher = new TestPublisher(TestServices.mqttUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.close();
        pipeline.stop();
        database.close();
    }

    private IngestProperties properties(String clientId) {
        return Pipelines.properties(TestServices.mqttUrl(), clientId, prefix);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String wellTopic(String device) {
        return prefix + "/well/" + device + "/json";
    }

    @Test
    void storesPublishedReadingOnceAndRepublishedOneIsANoOp() throws Exception {
        String payload = "{\"device\":\"W0001\",\"seq\":1,\"readings\":[{\"param\":\"volume_total\",\"value\":1234.5,"
                + "\"unit\":\"m3\",\"time\":\"" + now() + "\"},{\"param\":\"flow\",\"value\":12.5,\"time\":\"" + now()
                + "\"}]}";

        publisher.publish(wellTopic("W0001"), payload);
        publisher.publish(wellTopic("W0001"), payload);

        assertThat(db.awaitCount(WAIT, n -> n >= 2, "SELECT count(*) FROM well_reading"))
                .isEqualTo(2);
        awaitCounter("ingest.readings.duplicate", 2);
        assertThat(db.count("SELECT count(*) FROM well_reading")).isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM reading_revision")).isZero();
        assertThat(db.strings("SELECT value::text FROM well_reading WHERE parameter = 'volume_total'"))
                .containsExactly("1234.5");
    }

    @Test
    void keepsADifferentValueForAStoredKeyAsARevisionWithoutOverwriting() throws Exception {
        String time = now();
        publisher.publish(wellTopic("W0001"), reading("volume_total", "100", time));
        db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM well_reading");
        publisher.publish(wellTopic("W0001"), reading("volume_total", "150", time));

        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM reading_revision"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT value::text FROM well_reading")).containsExactly("100");
        assertThat(db.strings("SELECT value::text FROM reading_revision")).containsExactly("150");
    }

    @Test
    void convertsUnitsAndStoresEachFamilyInItsOwnTable() throws Exception {
        publisher.publish(
                prefix + "/cems/CEMS-TEST/json",
                "{\"readings\":[{\"param\":\"a21026\",\"value\":25000,"
                        + "\"unit\":\"ug/m3\",\"flag\":\"N\",\"time\":\"" + now() + "\"},{\"param\":\"02\",\"value\":1,"
                        + "\"flag\":\"D\",\"time\":\""
                        + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS) + "\"}]}");
        publisher.publish(
                prefix + "/gate/GATE-TEST/json",
                "{\"time\":\"" + now() + "\",\"readings\":[{\"param\":\"flow\",\"value\":3600,\"unit\":\"m3/h\"}]}");

        assertThat(db.awaitCount(WAIT, n -> n == 2, "SELECT count(*) FROM cems_reading"))
                .isEqualTo(2);
        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM gate_reading"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT value || ' ' || flag || ' ' || valid FROM cems_reading ORDER BY ts DESC"))
                .containsExactly("25 N true", "1 D false");
        assertThat(db.strings("SELECT value::text FROM gate_reading")).containsExactly("1");
    }

    @Test
    void quarantinesEachKindOfBadInputWithItsOwnReasonWhileGoodTrafficFlows() throws Exception {
        publisher.publish(wellTopic("W0001"), "{\"readings\": [");
        publisher.publish(wellTopic("W9999"), reading("flow", "1", now()));
        publisher.publish(
                wellTopic("W0001"),
                "{\"readings\":[{\"param\":\"flow\",\"value\":1,\"unit\":\"kg\",\"time\":\"" + now() + "\"}]}");
        publisher.publish(wellTopic("W0001"), reading("flow", "-5", now()));
        publisher.publish(
                wellTopic("W0001"),
                reading("flow", "2", Instant.now().plus(Duration.ofDays(1)).toString()));
        publisher.publish(wellTopic("W0001"), "{\"readings\":[],\"pad\":\"" + "x".repeat(5000) + "\"}");
        publisher.publish(wellTopic("W0001"), reading("flow", "7.5", now()));

        assertThat(db.awaitCount(WAIT, n -> n == 6, "SELECT count(*) FROM quarantine"))
                .isEqualTo(6);
        assertThat(db.strings("SELECT reason FROM quarantine ORDER BY id"))
                .containsExactlyInAnyOrder(
                        "malformed_payload",
                        "unknown_device",
                        "bad_unit",
                        "impossible_value",
                        "time_in_future",
                        "payload_too_large");
        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM well_reading WHERE value = 7.5"))
                .isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM quarantine WHERE length(payload) > 0 AND detail <> ''"))
                .isEqualTo(6);
        assertThat(meters.get("ingest.messages.rejected")
                        .tag("reason", "bad_unit")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    private static String reading(String param, String value, String time) {
        return "{\"readings\":[{\"param\":\"" + param + "\",\"value\":" + value + ",\"time\":\"" + time + "\"}]}";
    }

    private void awaitCounter(String name, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var c = meters.find(name).counter();
            if (c != null && c.count() >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        assertThat(meters.get(name).counter().count()).isEqualTo(expected);
    }
}
