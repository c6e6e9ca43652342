package org.urad.envmon.ingest.faults;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;

/**
 * One fault scenario's world: a fresh database, its own topic prefix, and readings numbered per device
 * ({@code seq}, with a distinct time each), so that what was stored can be checked against what was
 * published: each reading exactly once.
 */
final class Scenario implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final String WELL = SampleRegistry.WELL;

    final String name;
    final MigratedDatabase database;
    final Db db;
    final String prefix = Pipelines.uniquePrefix();
    private final Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
    private final List<IngestPipeline> pipelines = new ArrayList<>();

    Scenario(String name) {
        this.name = name;
        this.database = MigratedDatabase.create("fault");
        this.db = new Db(database.dataSource());
    }

    IngestProperties properties(String mqttUrl, String clientId) {
        return Pipelines.properties(mqttUrl, clientId, prefix);
    }

    IngestProperties shared(String mqttUrl, String clientId, String group) {
        return Pipelines.properties(mqttUrl, clientId, prefix, group, Pipelines.TEST_BUFFER);
    }

    static String clientId() {
        return "ingest-fault-" + UUID.randomUUID();
    }

    IngestPipeline start(IngestProperties properties, SimpleMeterRegistry meters) throws Exception {
        return start(properties, database.dataSource(), meters);
    }

    IngestPipeline start(IngestProperties properties, DataSource dataSource, SimpleMeterRegistry meters)
            throws Exception {
        return start(properties, dataSource, SampleRegistry.create(), meters);
    }

    IngestPipeline start(
            IngestProperties properties, DataSource dataSource, Registry registry, SimpleMeterRegistry meters)
            throws Exception {
        IngestPipeline pipeline = Pipelines.start(properties, dataSource, registry, meters);
        pipelines.add(pipeline);
        return pipeline;
    }

    String topic(String device) {
        return prefix + "/well/" + device + "/json";
    }

    /** A flow reading numbered {@code seq}: value and time are derived from the number. */
    byte[] reading(String device, long seq) {
        Instant time = base.plusSeconds(seq);
        return ("{\"device\":\"" + device + "\",\"seq\":" + seq + ",\"readings\":[{\"param\":\"flow\",\"value\":"
                        + (seq % 1000) + ",\"time\":\"" + time + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Publishes readings {@code from} (inclusive) to {@code to} (exclusive) of the well, QoS 1. */
    void publish(MqttPublisher publisher, long from, long to) throws MqttException, InterruptedException {
        for (long seq = from; seq < to; seq++) {
            publisher.publish(topic(WELL), reading(WELL, seq));
        }
    }

    MqttPublisher publisher(String url) throws MqttException {
        return new MqttPublisher(url, "fault-pub-" + UUID.randomUUID(), 1);
    }

    long stored() {
        return db.count("SELECT count(*) FROM well_reading");
    }

    long awaitStored(long atLeast) throws InterruptedException {
        return db.awaitCount(WAIT, n -> n >= atLeast, "SELECT count(*) FROM well_reading");
    }

    /** Records the scenario's row: lost and duplicated are computed from the numbered readings. */
    FaultReport.Row report(long published, long quarantined, Duration recovery) {
        long rows = stored();
        long distinct = db.count("SELECT count(*) FROM (SELECT DISTINCT device_id, seq FROM well_reading) d");
        long revisions = db.count("SELECT count(*) FROM reading_revision");
        FaultReport.Row row = new FaultReport.Row(
                name, published, rows, published - distinct, rows - distinct + revisions, quarantined, recovery);
        FaultReport.add(row);
        return row;
    }

    static void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    static double counter(SimpleMeterRegistry meters, String name) {
        var c = meters.find(name).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        for (IngestPipeline p : pipelines) {
            try {
                p.kill();
            } catch (RuntimeException ignored) {
                // already stopped
            }
        }
        database.close();
    }
}
