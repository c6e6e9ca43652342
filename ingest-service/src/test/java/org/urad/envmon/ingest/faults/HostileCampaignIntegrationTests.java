package org.urad.envmon.ingest.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpListener;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpSettings;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.simulator.MqttPublisher;
import org.urad.envmon.ingest.support.MosquittoTestBroker;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SyntheticRegistry;
import org.urad.envmon.ingest.support.TestBroker;

/**
 * Verifies that no input stops the pipeline: a seeded campaign of 100,000 hostile messages (see {@link
 * HostileTraffic}) interleaved with 11,000 good readings, through a real mosquitto running the project's
 * configuration, the real pipeline with the HJ 212 TCP listener, and PostgreSQL; meanwhile a stranger floods
 * a real monitor's MN with wrong-PW frames over TCP and another peer sends frames and never reads the replies.
 * Every good reading is stored exactly once, every hostile message is quarantined or refused, the flusher
 * never waits more than 5 s between commits while messages wait, and heap and meter count stay bounded.
 *
 * <p>Replay a failure with {@code -Dhostile.seed=<the seed printed>}; {@code -Dhostile.messages=N} changes the
 * number of hostile messages, {@code -Dhostile.kinds=KIND,…} (names of {@link HostileTraffic.Kind}) keeps only
 * those kinds, and {@code -Dhostile.peers=flood,silent} (the default) names the hostile TCP peers to run.
 */
class HostileCampaignIntegrationTests {

    /** Unusable or unauthenticated frames in a row before the listener drops a connection. */
    private static final int MAX_BAD_FRAMES = 3;

    private static final int MAX_PAYLOAD = 65_536;

    static final Duration MAX_STALL = Duration.ofSeconds(5);
    private static final Duration ABORT_STALL = Duration.ofSeconds(20);
    private static final Duration MAX_DURATION = Duration.ofMinutes(2);
    private static final long MAX_HEAP_MB = 256;
    private static final int MAX_METERS = 100;

    @Test
    void storesEveryGoodReadingOnceAndQuarantinesEveryHostileMessageWithoutStalling() throws Exception {
        long seed = Long.getLong("hostile.seed", System.nanoTime());
        int hostile = Integer.getInteger("hostile.messages", 100_000);
        Set<HostileTraffic.Kind> kinds = kinds(System.getProperty("hostile.kinds", ""));
        String tcpPeers = System.getProperty("hostile.peers", "flood,silent");
        System.out.printf("hostile campaign: seed %d (replay: -Dhostile.seed=%d)%n", seed, seed);
        try (TestBroker broker = broker();
                Scenario s = new Scenario("hostile campaign: %,d hostile messages among %,d good (seed %d)"
                        .formatted(hostile + (tcpPeers.contains("flood") ? TcpTraffic.FLOOD : 0), goodCount(), seed))) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            RegistrySnapshot registry =
                    SyntheticRegistry.create(Campaign.GOOD_WELLS + Campaign.HOSTILE_WELLS, Campaign.MONITORS);
            IngestPipeline pipeline =
                    s.start(properties(broker.url(), s.prefix), s.database.dataSource(), registry, meters);
            Hj212TcpListener tcp = new Hj212TcpListener(
                    new Hj212TcpSettings(
                            "127.0.0.1", 0, Duration.ofSeconds(30), 10, MAX_BAD_FRAMES, Duration.ofSeconds(30)),
                    pipeline.processor(),
                    new TopicParser(s.prefix),
                    () -> registry,
                    Clock.systemUTC(),
                    new IngestMetrics(meters));
            tcp.start();
            Campaign campaign = new Campaign(s, seed, hostile, kinds, MAX_PAYLOAD);
            long started = System.nanoTime();
            try (StallWatch stalls = new StallWatch(meters, pipeline::bufferDepth);
                    MqttPublisher publisher = s.publisher(broker.url());
                    RawMqttPublisher raw = new RawMqttPublisher(broker.url());
                    TcpTraffic peers = TcpTraffic.start(
                            tcp.port(), campaign, tcpPeers.contains("flood"), tcpPeers.contains("silent"))) {
                campaign.publish(publisher, raw, () -> stalls.current().compareTo(ABORT_STALL) > 0);
                publisher.awaitCompletion(Scenario.WAIT);
                peers.awaitSent(Scenario.WAIT);
                awaitQuiet(s, pipeline, meters, campaign, stalls, started);
                Duration duration = Duration.ofNanos(System.nanoTime() - started);
                peers.awaitReplies(Duration.ofSeconds(2), Campaign.GOOD_FRAMES);
                check(s, meters, campaign, stalls, peers, publisher.failed(), duration);
            } finally {
                tcp.stop();
            }
        }
    }

    private void check(
            Scenario s,
            SimpleMeterRegistry meters,
            Campaign campaign,
            StallWatch stalls,
            TcpTraffic peers,
            long publishFailures,
            Duration duration)
            throws InterruptedException {
        Accounting accounting = Accounting.load(s.db);
        long heapMb = heapAfterGcMb();
        int meterCount = meters.getMeters().size();
        Campaign.Good good = campaign.good();
        long goodWellRows = s.db.count(
                "SELECT count(*) FROM well_reading WHERE device_id BETWEEN ? AND ?",
                SyntheticRegistry.well(1),
                good.lastWell());
        long goodWellKeys = s.db.count(
                "SELECT count(*) FROM well_reading WHERE device_id BETWEEN ? AND ?"
                        + " AND ts = ?::timestamptz + seq * interval '1 second' AND value = seq % 1000",
                SyntheticRegistry.well(1), good.lastWell(), campaign.base().toString());
        long loggerRows = cemsRows(s, SyntheticRegistry.cems(Campaign.LOGGER));
        long mqttMonitorRows = cemsRows(s, SyntheticRegistry.cems(Campaign.MQTT_MONITOR));
        long revisions = s.db.count(
                "SELECT count(*) FROM reading_revision WHERE device_id BETWEEN ? AND ? OR device_id IN (?, ?)",
                SyntheticRegistry.well(1),
                good.lastWell(),
                SyntheticRegistry.cems(Campaign.LOGGER),
                SyntheticRegistry.cems(Campaign.MQTT_MONITOR));
        TreeMap<String, Long> missing = campaign.unaccounted(accounting, s.db);
        long missingTotal = missing.values().stream().mapToLong(Long::longValue).sum();
        long floodMissing =
                peers.floodFrames().stream().filter(f -> !accounting.holds(f)).count();
        long goodQuarantined =
                campaign.goodShas().stream().filter(accounting::holdsSha).count();

        String figures = ("hostile campaign: %,d MQTT messages (%,d hostile, %,d good) + %,d TCP frames (%,d good, %,d"
                        + " wrong-PW flood, %,d to a peer that never reads); %,d refused by the broker; %s;"
                        + " quarantine rows %,d; stored good %,d/%,d; max stall %.1f s; heap after GC %d MB; %d meters;"
                        + " %.1f s")
                .formatted(
                        campaign.mqttSent(),
                        campaign.hostileSent(),
                        good.total(),
                        peers.sent(),
                        peers.loggerSent(),
                        peers.floodSent(),
                        peers.silentSent(),
                        campaign.refusedByBroker(),
                        accounting.reasons(),
                        accounting.rows(),
                        goodWellRows + loggerRows + mqttMonitorRows,
                        good.total() + Campaign.GOOD_FRAMES,
                        stalls.longest().toMillis() / 1000.0,
                        heapMb,
                        meterCount,
                        duration.toMillis() / 1000.0);
        System.out.println(figures);
        FaultReport.add(new FaultReport.Row(
                s.name,
                campaign.mqttSent() + peers.sent(),
                goodWellRows + loggerRows + mqttMonitorRows,
                good.total() + Campaign.GOOD_FRAMES - (goodWellKeys + loggerRows + mqttMonitorRows),
                revisions,
                accounting.rows(),
                null));

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(publishFailures).as("publishes the broker failed").isZero();
        soft.assertThat(goodWellRows).as("rows of the good wells").isEqualTo(good.wellReadings());
        soft.assertThat(goodWellKeys)
                .as("good well readings stored under their own key")
                .isEqualTo(good.wellReadings());
        soft.assertThat(mqttMonitorRows)
                .as("rows of the monitor publishing HJ 212 on MQTT")
                .isEqualTo(good.frames());
        soft.assertThat(loggerRows)
                .as("rows of the TCP logger whose MN is flooded")
                .isEqualTo(Campaign.GOOD_FRAMES);
        soft.assertThat(revisions).as("revisions of good readings").isZero();
        soft.assertThat(peers.loggerReplies())
                .as("9014 replies to the TCP logger")
                .isEqualTo(Campaign.GOOD_FRAMES);
        soft.assertThat(peers.floodReplies())
                .as("9014 replies to wrong-PW frames")
                .isZero();
        soft.assertThat(peers.floodEchoes())
                .as("replies repeating the wrong PW")
                .isZero();
        soft.assertThat(missing)
                .as("hostile MQTT messages neither quarantined nor refused, by kind")
                .isEmpty();
        // The listener drops a connection after max-bad-frames unauthenticated frames in a row; what the
        // flooder wrote after that was never read: refused by the disconnect, which is counted.
        var badFrameDrops = meters.find(IngestMetrics.TCP_DISCONNECTS)
                .tag("cause", IngestMetrics.Disconnect.BAD_FRAMES.tag())
                .counter();
        soft.assertThat(peers.floodFrames().size() - floodMissing)
                .as("wrong-PW frames quarantined before the flooder was dropped")
                .isGreaterThanOrEqualTo(
                        Math.min(MAX_BAD_FRAMES, peers.floodFrames().size()));
        if (floodMissing > 0) {
            soft.assertThat(badFrameDrops == null ? 0 : badFrameDrops.count())
                    .as(
                            "%d wrong-PW frames not quarantined: the flooder must have been dropped for bad frames",
                            floodMissing)
                    .isGreaterThanOrEqualTo(1.0);
        }
        soft.assertThat(goodQuarantined).as("good messages quarantined").isZero();
        soft.assertThat(stalls.longest())
                .as("longest wait for a commit while messages waited (%s)", stalls.firstLongStall())
                .isLessThanOrEqualTo(MAX_STALL);
        soft.assertThat(peers.silentDisconnected())
                .as("the peer that never reads was disconnected")
                .isTrue();
        soft.assertThat(heapMb).as("used heap after GC, MB").isLessThanOrEqualTo(MAX_HEAP_MB);
        soft.assertThat(meterCount).as("meters in the registry").isLessThanOrEqualTo(MAX_METERS);
        soft.assertThat(duration).as("campaign duration").isLessThanOrEqualTo(MAX_DURATION);
        soft.assertAll();
        assertThat(missingTotal).isZero();
    }

    /**
     * Waits until the good readings are all stored and intake has gone quiet: nothing waits in the buffer, every
     * message received has been committed and acknowledged (the flusher records {@code ingest.receive.commit.lag}
     * for each as it acknowledges it), and nothing new arrived for a second. Gives up when the flusher stalls.
     */
    private static void awaitQuiet(
            Scenario s,
            IngestPipeline pipeline,
            SimpleMeterRegistry meters,
            Campaign campaign,
            StallWatch stalls,
            long started)
            throws InterruptedException {
        long deadline = started + MAX_DURATION.plusSeconds(30).toNanos();
        long expected = campaign.good().wellReadings();
        double lastReceived = -1;
        while (System.nanoTime() < deadline && stalls.current().compareTo(ABORT_STALL) <= 0) {
            double received = received(meters);
            var acknowledged = meters.find(IngestMetrics.RECEIVE_TO_COMMIT).timer();
            if (pipeline.bufferDepth() == 0
                    && received == lastReceived
                    && acknowledged != null
                    && acknowledged.count() == (long) received
                    && s.stored() >= expected) {
                return;
            }
            lastReceived = received;
            Thread.sleep(1_000);
        }
    }

    private static double received(SimpleMeterRegistry meters) {
        return meters.find(IngestMetrics.MESSAGES_RECEIVED).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private static long cemsRows(Scenario s, String device) {
        return s.db.count("SELECT count(*) FROM cems_reading WHERE device_id = ?", device);
    }

    private static long heapAfterGcMb() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
    }

    private static long goodCount() {
        return (long) Campaign.GOOD_WELLS * Campaign.GOOD_PER_WELL + Campaign.GOOD_FRAMES * 2L;
    }

    /** The service's limits, with a per-device rate (600 a minute, burst 1,000) that the flood can exhaust. */
    private static IngestProperties properties(String url, String prefix) {
        IngestProperties p = Pipelines.properties(url, Scenario.clientId(), prefix, null, Pipelines.SERVICE_BUFFER);
        return new IngestProperties(
                p.mqtt(),
                p.buffer(),
                new IngestProperties.Limits(
                        MAX_PAYLOAD, 100, Duration.ofMinutes(10), Duration.ofDays(400), 600, 1_000, 16),
                p.hj212(),
                p.manualValuesValid());
    }

    /** The project's mosquitto when {@code INGEST_TEST_MOSQUITTO} names one; else what the other fault tests use. */
    private static TestBroker broker() {
        String binary = System.getenv("INGEST_TEST_MOSQUITTO");
        if (binary != null && !binary.isBlank()) {
            return MosquittoTestBroker.launch(Path.of(binary), TestBroker.projectMosquittoConfig());
        }
        return TestBroker.create();
    }

    private static Set<HostileTraffic.Kind> kinds(String names) {
        Set<HostileTraffic.Kind> kinds = EnumSet.noneOf(HostileTraffic.Kind.class);
        for (String name : names.split(",")) {
            if (!name.isBlank()) {
                kinds.add(HostileTraffic.Kind.valueOf(name.strip()));
            }
        }
        return kinds;
    }
}
