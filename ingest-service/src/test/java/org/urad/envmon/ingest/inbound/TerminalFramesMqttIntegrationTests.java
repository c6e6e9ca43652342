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
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.TerminalFrames;
import org.urad.envmon.ingest.support.TerminalRegistry;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies, through the real broker and database, that SZY 206 and SL 651 golden frames published on a
 * device's {@code …/szy206} or {@code …/sl651} topic are stored, and that a frame from a terminal address the
 * registry does not know is quarantined naming the address.
 */
class TerminalFramesMqttIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private MigratedDatabase database;
    private Db db;
    private String prefix;
    private IngestPipeline pipeline;
    private TestPublisher publisher;

    @BeforeEach
    void setUp() throws Exception {
        database = MigratedDatabase.create("terminals");
        db = new Db(database.dataSource());
        prefix = Pipelines.uniquePrefix();
        IngestProperties base = Pipelines.properties(TestServices.mqttUrl(), "ingest-" + UUID.randomUUID(), prefix);
        IngestProperties properties = TerminalRegistry.acceptingOldReadings(base);
        pipeline = Pipelines.start(
                properties, database.dataSource(), TerminalRegistry.create(), new SimpleMeterRegistry());
        publisher = new TestPublisher(TestServices.mqttUrl());
    }

    @AfterEach
    void tearDown() throws Exception {
        publisher.close();
        pipeline.stop();
        database.close();
    }

    @Test
    void storesTheSzy206GoldenFramePublishedOnTheWellsTopic() throws Exception {
        Instant minuteAgo = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
        publisher.publish(
                prefix + "/well/" + TerminalRegistry.WELL + "/szy206",
                TerminalFrames.withSzy206Time(TerminalRegistry.golden("szy206/flow-report-c0.hex"), minuteAgo));

        assertThat(db.awaitCount(WAIT, n -> n >= 2, "SELECT count(*) FROM well_reading"))
                .isEqualTo(2);
        assertThat(db.strings("SELECT parameter || '=' || value::text FROM well_reading ORDER BY parameter"))
                .containsExactly("flow=21240", "volume_total=106182");
        assertThat(db.strings("SELECT DISTINCT ts::text FROM well_reading"))
                .containsExactly(db.strings("SELECT ?::timestamptz::text", minuteAgo.toString())
                        .get(0));
        assertThat(db.count("SELECT count(*) FROM quarantine")).isZero();
    }

    @Test
    void storesTheSl651GoldenFramePublishedOnTheGatesTopic() throws Exception {
        publisher.publish(
                prefix + "/gate/" + TerminalRegistry.GATE + "/sl651",
                TerminalRegistry.golden("sl651/timed-report-32.hex"));

        assertThat(db.awaitCount(WAIT, n -> n >= 1, "SELECT count(*) FROM gate_reading"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT parameter || '=' || value::text || '@' || ts::text FROM gate_reading"))
                .containsExactly("level=10.49@2017-07-18 03:00:00+00");
    }

    @Test
    void quarantinesAFrameFromAnUnregisteredAddressNamingTheAddress() throws Exception {
        byte[] frame = TerminalRegistry.golden("sl651/timed-report-32.hex");
        // The golden frame's data, sent by station 0011223345 (header and body changed, the CRC made again).
        byte[] otherStation = TerminalFrames.withSl651Station(frame, "0011223345");

        publisher.publish(prefix + "/gate/" + TerminalRegistry.GATE + "/sl651", otherStation);

        assertThat(db.awaitCount(WAIT, n -> n >= 1, "SELECT count(*) FROM quarantine"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT reason || ': ' || detail FROM quarantine"))
                .singleElement()
                .asString()
                .startsWith("unknown_device")
                .contains("'0011223345'");
        assertThat(db.count("SELECT count(*) FROM gate_reading")).isZero();
    }
}
