package org.urad.envmon.ingest.inbound.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.IngestMetrics.Disconnect;
import org.urad.envmon.ingest.metrics.TcpMetrics;

/**
 * One connected data logger or terminal (HJ 212, SZY 206, SL 651): its bytes go to the protocol's {@link
 * TcpIntake} (frames checked, then the same pipeline as MQTT), its replies leave after commit through the
 * connection's {@link Hj212Outbox}, written by its own thread ({@code <protocol>-reply-<address>}). A logger that keeps sending unusable or unauthenticated
 * frames, stays silent past the idle timeout, or does not read its replies is disconnected; other loggers
 * are unaffected. Nothing a logger sends ends the reading loop but an I/O error.
 */
final class Hj212Connection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Hj212Connection.class);
    /** How long a closing connection waits for its writer to stop before resetting the socket. */
    private static final Duration WRITER_STOP = Duration.ofMillis(200);

    private final Socket socket;
    /** The TCP socket under {@code socket} (the same one without TLS): closing it never waits. */
    private final Socket raw;

    private final Hj212TcpSettings settings;
    private final IngestMetrics metrics;
    private final TcpMetrics meters;
    private final Consumer<Hj212Connection> onClose;
    private final String peer;
    private final String protocol;
    private final TcpIntake intake;
    private volatile Hj212Outbox outbox;
    /** {@link System#nanoTime} when a graceful close began (a TLS close may wait on the logger); 0 before. */
    private volatile long closingSince;

    Hj212Connection(
            Socket socket,
            Socket raw,
            Hj212TcpSettings settings,
            String protocol,
            TcpIntake.Factory intakes,
            IngestMetrics metrics,
            TcpMetrics meters,
            Consumer<Hj212Connection> onClose) {
        this.meters = meters;
        this.socket = socket;
        this.raw = raw;
        this.settings = settings;
        this.metrics = metrics;
        this.onClose = onClose;
        this.peer = String.valueOf(socket.getRemoteSocketAddress());
        this.protocol = protocol;
        this.intake = intakes.open(peer, this::reply);
    }

    @Override
    public void run() {
        Thread writer = null;
        try {
            socket.setSoTimeout((int) settings.idleTimeout().toMillis());
            InputStream in = socket.getInputStream();
            outbox = new Hj212Outbox(
                    settings.replyQueue(),
                    settings.writeTimeout(),
                    socket.getOutputStream(),
                    this::stuck,
                    meters::replied);
            writer = new Thread(outbox, protocol + "-reply-" + peer);
            writer.setDaemon(true);
            writer.start();
            read(in);
        } catch (SocketTimeoutException e) {
            disconnected(Disconnect.IDLE);
            log.info("Disconnecting {} terminal {}: silent for {}", protocol, peer, settings.idleTimeout());
        } catch (IOException e) {
            log.debug("{} terminal {} disconnected: {}", protocol, peer, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAfter(writer);
            quarantineOpenMessages();
            onClose.accept(this);
        }
    }

    /**
     * Stops the writer and closes the socket: gracefully when the writer is idle (replies already written
     * still reach the logger), at once when it is stuck in a write (a TLS close would wait for that write).
     */
    private void closeAfter(Thread writer) {
        if (outbox != null) {
            outbox.close();
        }
        boolean stuckWriting = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(WRITER_STOP.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stuckWriting = writer.isAlive();
        }
        if (stuckWriting) {
            close();
            return;
        }
        long start = System.nanoTime();
        closingSince = start == 0 ? 1 : start;
        try {
            socket.close();
        } catch (IOException e) {
            log.debug("Closing {}: {}", peer, e.getMessage());
        }
    }

    /** Drops the connection at once, without waiting for anything to be written: never blocks. */
    void close() {
        try {
            raw.setSoLinger(true, 0);
        } catch (IOException e) {
            log.debug("Resetting {}: {}", peer, e.getMessage());
        }
        try {
            raw.close();
        } catch (IOException e) {
            log.debug("Closing {}: {}", peer, e.getMessage());
        }
    }

    /**
     * Called by the listener's watchdog: drops the logger if a reply write has stalled, or if closing the
     * connection (a TLS goodbye to a logger that does not read) takes longer than the write timeout.
     */
    void checkReplies(long nowNanos) {
        Hj212Outbox out = outbox;
        if (out != null) {
            out.checkWrite(nowNanos);
        }
        long closing = closingSince;
        if (closing != 0 && nowNanos - closing > settings.writeTimeout().toNanos()) {
            closingSince = 0;
            log.debug("Closing {} took longer than {}; reset", peer, settings.writeTimeout());
            close();
        }
    }

    private void read(InputStream in) throws IOException, InterruptedException {
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            intake.accept(chunk, n);
            if (intake.badInARow() >= settings.maxBadFrames()) {
                disconnected(Disconnect.BAD_FRAMES);
                log.warn(
                        "Disconnecting {} terminal {}: {} unusable frames in a row",
                        protocol,
                        peer,
                        intake.badInARow());
                return;
            }
        }
    }

    /** Called by the flusher after commit: queues a reply, never blocks. */
    private void reply(byte[] reply) {
        Hj212Outbox out = outbox;
        if (out != null) {
            out.offer(reply);
        }
    }

    /** Any thread, once: the outbox found the logger not reading. */
    private void stuck(Disconnect cause) {
        disconnected(cause);
        log.warn(
                "Disconnecting {} terminal {}: {}",
                protocol,
                peer,
                cause == Disconnect.REPLY_QUEUE_FULL
                        ? settings.replyQueue() + " replies wait unread"
                        : "a reply took longer than " + settings.writeTimeout() + " to write");
        close();
    }

    private void disconnected(Disconnect cause) {
        metrics.tcpDisconnected(cause);
        meters.disconnected(cause);
    }

    private void quarantineOpenMessages() {
        try {
            intake.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("Open split messages of {} not quarantined: {}", peer, e.toString());
        }
    }
}
