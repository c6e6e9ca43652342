package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies that the verdict on a committed reading survives a crash of the service between the commit
 * (and the acknowledgement) and the point rules' judgement: the service, run in its own JVM, stores and
 * acknowledges an impossible flow while its rules thread is held up on the alert table, is killed with
 * SIGKILL, and once started again raises the alert from what was committed.
 */
class PointRuleCrashIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String WELL = "W0001"; // in the sample registry the service loads
    private static final String FLOW_ALERTS =
            "SELECT count(*) FROM alert WHERE rule_id = 'METER_ANOMALY' AND subject_id = '" + WELL + "'";

    @TempDir
    Path dir;

    @Test
    void raisesTheAlertOfAReadingCommittedBeforeAKillOnceRestarted() throws Exception {
        try (MigratedDatabase database = MigratedDatabase.create("point_crash");
                MqttPublisher publisher =
                        new MqttPublisher(TestServices.mqttUrl(), "crash-pub-" + UUID.randomUUID(), 1)) {
            Db db = new Db(database.dataSource());
            String prefix = Pipelines.uniquePrefix();
            List<String> args = List.of(
                    "--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + TestServices.user(),
                    "--spring.datasource.password=" + TestServices.password(),
                    "--server.port=0",
                    "--ingest.embedded.enabled=false",
                    "--ingest.mqtt.url=" + TestServices.mqttUrl(),
                    "--ingest.mqtt.client-id=point-crash-" + UUID.randomUUID(),
                    "--ingest.mqtt.topic-prefix=" + prefix,
                    "--ingest.buffer.dead-letter-directory=" + dir.resolve("dead-letters"),
                    // every left-over row is the sweep's at once; the startup sweep is the only one in the test
                    "--ingest.rules.due-sweep-after=0s",
                    "--ingest.rules.due-sweep-interval=1h");

            // GIVEN the service running in its own JVM, its point rules held up on the alert table
            ServiceProcess first = ServiceProcess.start(dir, "first", args);
            Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(10));
            try (TableLock held = TableLock.exclusive(database.dataSource(), "alert")) {
                // WHEN an impossible flow is published, committed and acknowledged
                publisher.publish(
                        prefix + "/well/" + WELL + "/json",
                        ("{\"device\":\"" + WELL + "\",\"readings\":[{\"param\":\"flow\",\"value\":900,\"time\":\"" + at
                                        + "\"}]}")
                                .getBytes(StandardCharsets.UTF_8));
                assertThat(publisher.awaitCompletion(WAIT)).isTrue();
                db.awaitCount(
                        WAIT,
                        n -> n == 1,
                        "SELECT count(*) FROM well_reading WHERE device_id = ? AND parameter = 'flow'",
                        WELL);
                assertThat(db.count("SELECT count(*) FROM point_rule_due")).isEqualTo(1);
                Thread.sleep(500); // the acknowledgement follows the commit on the flusher thread
                assertThat(rulesWaitingOnALock(db)).isTrue();

                // AND the service is killed before its rules thread could judge it
                first.kill9();
            }
            assertThat(db.count(FLOW_ALERTS)).as("no verdict before the kill").isZero();
            assertThat(db.count("SELECT count(*) FROM point_rule_due")).isEqualTo(1);

            // THEN, started again, the service raises the alert from what was committed
            try (ServiceProcess second = ServiceProcess.start(dir, "second", args)) {
                assertThat(db.awaitCount(WAIT, n -> n > 0, FLOW_ALERTS))
                        .as("the alert after the restart")
                        .isEqualTo(1);
                assertThat(db.awaitCount(WAIT, n -> n == 0, "SELECT count(*) FROM point_rule_due"))
                        .isZero();
                assertThat(db.count("SELECT count(*) FROM well_reading")).isEqualTo(1);
            }
        }
    }

    /** Whether a session of the service waits for a lock (the rules thread, on the alert table). */
    private static boolean rulesWaitingOnALock(Db db) throws InterruptedException {
        return db.awaitCount(
                        WAIT,
                        n -> n > 0,
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock' AND query ILIKE '%alert%'")
                > 0;
    }
}
