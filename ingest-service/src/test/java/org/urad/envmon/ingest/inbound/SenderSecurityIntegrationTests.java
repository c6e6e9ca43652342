package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies, through the real broker and database, what a hostile or broken sender gets: a device speaking
 * for another, a wrong HJ 212 password, an unregistered id, an oversized payload, a flood, and SQL in every
 * field a sender controls all end in quarantine with a reason, and other devices keep flowing.
 */
class SenderSecurityIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SQL = "x'); DROP TABLE well_reading; --";
    private static final int BURST = 5;

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MigratedDatabase database;
    private Db db;
    private String prefix;
    private IngestPipeline pipeline;
    private TestPublisher publisher;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("senders");
        db = new Db(database.dataSource());
        prefix = Pipelines.uniquePrefix();
        IngestProperties base = Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix);
        var l = base.limits();
        // one message a minute sustained: within the test, a device gets its burst and nothing more
        IngestProperties limited = new IngestProperties(
                base.mqtt(),
                base.buffer(),
                new IngestProperties.Limits(
                        l.maxPayloadBytes(), l.maxReadingsPerMessage(), l.maxFutureSkew(), l.maxAge(), 1, BURST, 4),
                base.hj212(),
                false);
        pipeline = Pipelines.start(limited, database.dataSource(), registry, meters);
        publisher = new TestPublisher(TestServices.mqttUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.close();
        pipeline.stop();
        database.close();
    }

    private String topic(String family, String device, String format) {
        return prefix + "/" + family + "/" + device + "/" + format;
    }

    private static String well(String device, int seq, String param, String unit, String flag) {
        String time = Instant.now()
                .truncatedTo(ChronoUnit.SECONDS)
                .minusSeconds(60L * seq)
                .toString();
        return "{\"device\":\"" + device + "\",\"seq\":" + seq + ",\"readings\":[{\"param\":\"" + param
                + "\",\"value\":12.5,\"unit\":\"" + unit + "\",\"flag\":\"" + flag + "\",\"time\":\"" + time + "\"}]}";
    }

    private List<String> quarantined(String reason) {
        return db.strings("SELECT detail FROM quarantine WHERE reason = ? ORDER BY id", reason);
    }

    private long awaitQuarantine(long n) throws InterruptedException {
        return db.awaitCount(WAIT, c -> c >= n, "SELECT count(*) FROM quarantine");
    }

    @Test
    void deviceSpeakingForAnotherIsQuarantinedAsSpoofed() throws Exception {
        publisher.publish(topic("well", "W0001", "json"), well("W0002", 1, "flow", "m3/h", "N"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // the CEMS's MN and PW, sent on the water-quality monitor's topic
        publisher.publish(
                topic("water_quality", SampleRegistry.WATER, "hj212"),
                Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                        .qn(now)
                        .password(SampleRegistry.CEMS_PW)
                        .dataTime(now)
                        .value("a21026", "Rtd", 20)
                        .encode());

        assertThat(awaitQuarantine(2)).isEqualTo(2);
        assertThat(quarantined("device_mismatch"))
                .hasSize(2)
                .allSatisfy(detail -> assertThat(detail).startsWith("spoofed: "))
                .anySatisfy(detail -> assertThat(detail).contains("W0002"))
                .anySatisfy(detail -> assertThat(detail).contains(SampleRegistry.CEMS_MN));
        assertThat(db.count("SELECT count(*) FROM well_reading")).isZero();
        assertThat(db.count("SELECT count(*) FROM water_quality_reading")).isZero();
    }

    @Test
    void wrongPasswordUnknownDeviceAndOversizedPayloadAreQuarantined() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publisher.publish(
                topic("cems", SampleRegistry.CEMS, "hj212"),
                Hj212FrameBuilder.of("2011", "31", SampleRegistry.CEMS_MN)
                        .qn(now)
                        .password("000000")
                        .dataTime(now)
                        .value("a21026", "Rtd", 20)
                        .encode());
        publisher.publish(topic("well", "W9999", "json"), well("W9999", 1, "flow", "m3/h", "N"));
        publisher.publish(topic("well", "W0001", "json"), "{\"pad\":\"" + "x".repeat(5000) + "\"}");

        assertThat(awaitQuarantine(3)).isEqualTo(3);
        assertThat(quarantined("wrong_password")).singleElement().asString().startsWith("spoofed: ");
        assertThat(quarantined("unknown_device")).singleElement().asString().contains("W9999");
        assertThat(quarantined("payload_too_large")).hasSize(1);
        assertThat(db.count("SELECT max(length(payload)) FROM quarantine")).isEqualTo(4096);
    }

    @Test
    void floodingDeviceIsLimitedWhileOthersKeepFlowing() throws Exception {
        int flood = 30;
        for (int i = 0; i < flood; i++) {
            publisher.publish(topic("well", "W0001", "json"), well("W0001", i, "flow", "m3/h", "N"));
        }
        for (int i = 0; i < BURST; i++) {
            publisher.publish(topic("well", "W0002", "json"), well("W0002", i, "flow", "m3/h", "N"));
        }

        assertThat(db.awaitCount(WAIT, n -> n >= BURST, "SELECT count(*) FROM well_reading WHERE device_id = 'W0002'"))
                .isEqualTo(BURST);
        assertThat(db.awaitCount(
                        WAIT, n -> n >= flood - BURST, "SELECT count(*) FROM quarantine WHERE reason = 'rate_limited'"))
                .isEqualTo(flood - BURST);
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = 'W0001'"))
                .isEqualTo(BURST);
        assertThat(db.count("SELECT count(DISTINCT device_id) FROM quarantine WHERE reason = 'rate_limited'"))
                .isEqualTo(1);
        assertThat(meters.get("ingest.limits.rate.limited").counter().count()).isEqualTo(flood - BURST);
    }

    @Test
    void sqlInEveryFieldASenderControlsIsStoredAsTextInQuarantine() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publisher.publish(topic("well", "W1" + SQL.replace("/", ""), "json"), well("W1", 1, "flow", "m3/h", "N"));
        publisher.publish(topic("well", "W0001", "json"), well("W0001", 2, "flow" + SQL, "m3/h", "N"));
        publisher.publish(topic("well", "W0002", "json"), well("W0002", 3, "flow", "m3/h" + SQL, "N"));
        publisher.publish(
                topic("gate", SampleRegistry.GATE, "json"), well(SampleRegistry.GATE, 4, "flow", "m3/s", SQL));
        publisher.publish(
                topic("cems", SampleRegistry.CEMS, "hj212"),
                Hj212FrameBuilder.of("2011", "31", "MN'--DROP TABLE q")
                        .qn(now)
                        .password(SampleRegistry.CEMS_PW)
                        .dataTime(now)
                        .value("a21026", "Rtd", 20)
                        .encode());

        assertThat(awaitQuarantine(5)).isEqualTo(5);
        assertThat(db.strings("SELECT reason FROM quarantine ORDER BY id"))
                .containsExactlyInAnyOrder(
                        "unsupported_topic", // an id with quotes and spaces is not a device id
                        "unknown_parameter",
                        "bad_unit",
                        "bad_flag",
                        "bad_field"); // nor is it an MN
        assertThat(db.count(
                        "SELECT count(*) FROM quarantine WHERE topic || convert_from(payload, 'UTF8') LIKE ?",
                        "%DROP TABLE%"))
                .isEqualTo(5);
        assertThat(db.strings("SELECT topic FROM quarantine WHERE reason = 'unsupported_topic'"))
                .singleElement()
                .asString()
                .contains("DROP TABLE well_reading");
        assertThat(db.count("SELECT count(*) FROM well_reading")).isZero(); // the table is still there, empty
        assertThat(db.count("SELECT count(*) FROM gate_reading")).isZero();
    }
}
