package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Reading;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that only values stored for the first time go on to the rules: a redelivery or a value
 * sent again is not judged again, and a calibration result re-sent with other figures is kept for
 * review without replacing the stored one.
 */
class FreshValuesIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<Outcome> handedOn = new CopyOnWriteArrayList<>();
    private MigratedDatabase database;
    private Db db;
    private IngestPipeline pipeline;
    private MqttPublisher publisher;
    private final String prefix = Pipelines.uniquePrefix();
    private final Instant time = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(3));

    @BeforeEach
    void start() throws Exception {
        database = MigratedDatabase.create("fresh");
        db = new Db(database.dataSource());
        pipeline = Pipelines.start(
                Pipelines.properties(TestServices.mqttUrl(), "fresh-" + UUID.randomUUID(), prefix),
                database.dataSource(),
                SampleRegistry.create(),
                new SimpleMeterRegistry(),
                handedOn::addAll);
        publisher = new MqttPublisher(TestServices.mqttUrl(), "fresh-pub-" + UUID.randomUUID(), 1);
    }

    @AfterEach
    void stop() throws Exception {
        publisher.close();
        pipeline.stop();
        database.close();
    }

    @Test
    void aReSentCalibrationWithOtherFiguresIsKeptForReviewAndNotJudged() throws Exception {
        // GIVEN a failed span calibration, stored and handed on
        publish("cems", SampleRegistry.CEMS, calibration(50));
        awaitHandedOn(1);

        // WHEN the monitor sends the same calibration again with a passing figure, and then a new one
        publish("cems", SampleRegistry.CEMS, calibration(99));
        publish("cems", SampleRegistry.CEMS, calibration(50));
        publish("cems", SampleRegistry.CEMS, reading("a21026", 12.5));
        awaitHandedOn(2);

        // THEN the stored record stays the failure, the passing figure waits for review, and only the
        // first calibration (and the new reading) went on to the rules
        assertThat(db.strings("SELECT measured::text FROM calibration_record")).containsExactly("50");
        assertThat(db.strings("SELECT measured::text FROM calibration_revision"))
                .containsExactly("99");
        List<Calibration> judged =
                handedOn.stream().flatMap(o -> o.calibrations().stream()).toList();
        assertThat(judged).singleElement().extracting(Calibration::measured).isEqualTo(50.0);
        assertThat(handedOn.stream().flatMap(o -> o.readings().stream()).map(Reading::value))
                .containsExactly(12.5);
    }

    @Test
    void aRedeliveredOrRevisedReadingIsNotHandedOnAgain() throws Exception {
        // GIVEN a stored reading
        publish("well", SampleRegistry.WELL, reading("flow", 10));
        awaitHandedOn(1);

        // WHEN it comes again, once as it was and once with another value, next to a new one
        publish("well", SampleRegistry.WELL, reading("flow", 10));
        publish("well", SampleRegistry.WELL, reading("flow", 11));
        publish("well", SampleRegistry.WELL, reading("gw_level", 1012.5));
        awaitHandedOn(2);

        // THEN only the first and the new value were handed on; the other value waits in reading_revision
        assertThat(handedOn.stream().flatMap(o -> o.readings().stream()).map(Reading::value))
                .containsExactly(10.0, 1012.5);
        assertThat(db.count("SELECT count(*) FROM well_reading")).isEqualTo(2);
        assertThat(db.strings("SELECT value::text FROM reading_revision")).containsExactly("11");
    }

    private void awaitHandedOn(int values) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (handedOn.stream().mapToInt(Outcome::valueCount).sum() < values) {
            assertThat(System.nanoTime()).as("values handed on in time").isLessThan(deadline);
            Thread.sleep(20);
        }
        // a value wrongly handed on comes in the same batch or an earlier one; a moment for any later
        Thread.sleep(200);
    }

    private void publish(String family, String device, String json) throws Exception {
        publisher.publish(prefix + "/" + family + "/" + device + "/json", json.getBytes(StandardCharsets.UTF_8));
        assertThat(publisher.awaitCompletion(WAIT)).isTrue();
    }

    private String calibration(double measured) {
        return "{\"calibrations\":[{\"param\":\"a21026\",\"kind\":\"span\",\"time\":\"" + time
                + "\",\"reference\":100,\"measured\":" + measured + "}]}";
    }

    private String reading(String parameter, double value) {
        return "{\"readings\":[{\"param\":\"" + parameter + "\",\"value\":" + value + ",\"time\":\"" + time + "\"}]}";
    }
}
