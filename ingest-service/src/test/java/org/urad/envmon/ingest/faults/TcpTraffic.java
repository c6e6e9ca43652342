package org.urad.envmon.ingest.faults;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.support.SyntheticRegistry;

/**
 * The TCP side of the hostile campaign, each on its own thread while the MQTT traffic runs: the real logger of
 * monitor 1 sending good frames and reading its 9014 replies; a stranger flooding monitor 1's MN with wrong-PW
 * frames that ask for replies; and monitor 3's peer, which sends good frames asking for replies and never
 * reads them.
 */
final class TcpTraffic implements AutoCloseable {

    static final int FLOOD = 3_000;
    static final int UNREAD_FRAMES = Campaign.SILENT_MONITORS * 1_000;
    static final String FLOOD_PASSWORD = "666666";

    private final Hj212Peer logger;
    private final Hj212Peer flooder;
    private final Hj212Peer silent;
    private final List<byte[]> floodFrames = new ArrayList<>(FLOOD);
    private final List<Thread> senders = new ArrayList<>();
    private final Thread silentSender;

    private TcpTraffic(int port, Instant base, boolean flood, boolean unread) throws IOException {
        logger = Hj212Peer.reading(port, null);
        flooder = Hj212Peer.reading(port, FLOOD_PASSWORD);
        silent = Hj212Peer.neverReading(port);
        String mn = SyntheticRegistry.mn(Campaign.LOGGER);
        List<byte[]> good = new ArrayList<>(Campaign.GOOD_FRAMES);
        for (int i = 0; i < Campaign.GOOD_FRAMES; i++) {
            good.add(HostileFrames.valid(
                    mn, SyntheticRegistry.PASSWORD, base.plusSeconds(i), "a21026", 20 + i % 50, true));
        }
        for (int i = 0; flood && i < FLOOD; i++) {
            floodFrames.add(HostileFrames.valid(mn, FLOOD_PASSWORD, base.plusSeconds(i), "a21002", 1 + i % 50, true));
        }
        senders.add(sender("campaign-tcp-logger", logger, good, 10));
        senders.add(sender("campaign-tcp-flood", flooder, floodFrames, 1));
        silentSender = new Thread(
                () -> {
                    for (int i = 0; unread && i < UNREAD_FRAMES; i++) {
                        String silentMn = SyntheticRegistry.mn(Campaign.FIRST_SILENT + i % Campaign.SILENT_MONITORS);
                        Instant time = base.plusSeconds(i / Campaign.SILENT_MONITORS);
                        byte[] frame =
                                HostileFrames.valid(silentMn, SyntheticRegistry.PASSWORD, time, "a21026", i % 90, true);
                        if (!silent.send(frame)) {
                            return;
                        }
                    }
                },
                "campaign-tcp-silent");
        silentSender.setDaemon(true);
    }

    /** Starts the logger, and the flood and the peer that never reads when asked for. */
    static TcpTraffic start(int port, Campaign campaign, boolean flood, boolean unread) throws IOException {
        TcpTraffic t = new TcpTraffic(port, campaign.base(), flood, unread);
        t.senders.forEach(Thread::start);
        t.silentSender.start();
        return t;
    }

    private static Thread sender(String name, Hj212Peer peer, List<byte[]> frames, long pauseMillis) {
        Thread t = new Thread(
                () -> {
                    try {
                        for (byte[] frame : frames) {
                            if (!peer.send(frame)) {
                                return;
                            }
                            Thread.sleep(pauseMillis);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                name);
        t.setDaemon(true);
        return t;
    }

    /** Waits for the logger and the flood to have sent everything (the silent peer may be blocked for good). */
    void awaitSent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : senders) {
            t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
    }

    void awaitReplies(Duration timeout, long n) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (logger.dataReplies() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    List<byte[]> floodFrames() {
        return floodFrames.subList(0, (int) flooder.sent());
    }

    long sent() {
        return logger.sent() + flooder.sent() + silent.sent();
    }

    long loggerSent() {
        return logger.sent();
    }

    long floodSent() {
        return flooder.sent();
    }

    long silentSent() {
        return silent.sent();
    }

    long loggerReplies() {
        return logger.dataReplies();
    }

    long floodReplies() {
        return flooder.dataReplies();
    }

    long floodEchoes() {
        return flooder.echoes();
    }

    /**
     * Whether the service has closed the connection of the peer that never reads. While its sender is still
     * blocked writing, it has not (a closed connection fails the write); once the sender is done, a few more
     * writes, on a thread of their own since they too may block, tell.
     */
    boolean silentDisconnected() throws InterruptedException {
        if (silent.sent() == 0) {
            return true;
        }
        silentSender.join(200);
        if (silentSender.isAlive() || silent.closedByService()) {
            return silent.closedByService();
        }
        byte[] probe = HostileFrames.valid(
                SyntheticRegistry.mn(Campaign.FIRST_SILENT),
                SyntheticRegistry.PASSWORD,
                Instant.now(),
                "a21026",
                1,
                true);
        Thread prober = new Thread(
                () -> {
                    try {
                        silent.closedByService(probe);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "campaign-tcp-probe");
        prober.setDaemon(true);
        prober.start();
        prober.join(2_000);
        return silent.closedByService();
    }

    @Override
    public void close() throws IOException {
        senders.forEach(Thread::interrupt);
        logger.close();
        flooder.close();
        silent.close();
    }
}
