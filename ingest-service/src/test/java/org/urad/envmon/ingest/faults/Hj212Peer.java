package org.urad.envmon.ingest.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An HJ 212 data logger on TCP, as the campaign plays it: one that reads the service's replies (counting the
 * 9014 data replies, and those that repeat a given password), or one that never reads, with a small receive
 * buffer, so that unread replies back up into the service.
 */
final class Hj212Peer implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final String watchedPassword;
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong echoes = new AtomicLong();
    private final AtomicBoolean closedByService = new AtomicBoolean();
    private volatile long sent;

    private Hj212Peer(Socket socket, String watchedPassword) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.watchedPassword = watchedPassword;
    }

    /** A logger that reads every reply; replies containing {@code PW=<watchedPassword>} are counted apart. */
    static Hj212Peer reading(int port, String watchedPassword) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        Hj212Peer peer = new Hj212Peer(socket, watchedPassword);
        Thread reader = new Thread(peer::readReplies, "hj212-peer-reader");
        reader.setDaemon(true);
        reader.start();
        return peer;
    }

    /** A logger that never reads what the service sends it. */
    static Hj212Peer neverReading(int port) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return new Hj212Peer(socket, null);
    }

    /** Sends one frame; false once the service has closed or reset the connection. */
    boolean send(byte[] frame) {
        if (closedByService.get()) {
            return false;
        }
        try {
            out.write(frame);
            sent++;
            return true;
        } catch (IOException e) {
            closedByService.set(true);
            return false;
        }
    }

    long sent() {
        return sent;
    }

    long dataReplies() {
        return replies.get();
    }

    /** Replies that repeated the watched (wrong) password. */
    long echoes() {
        return echoes.get();
    }

    /**
     * Whether the service closed the connection. A peer that never reads learns it only by writing, so this
     * writes {@code probe} a few times, pausing between writes, while the connection looks open.
     */
    boolean closedByService(byte[] probe) throws InterruptedException {
        for (int i = 0; i < 5 && !closedByService.get(); i++) {
            send(probe);
            Thread.sleep(50);
        }
        return closedByService.get();
    }

    boolean closedByService() {
        return closedByService.get();
    }

    private void readReplies() {
        byte[] buffer = new byte[8192];
        StringBuilder line = new StringBuilder();
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                line.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                int end;
                while ((end = line.indexOf("\r\n")) >= 0) {
                    String reply = line.substring(0, end);
                    line.delete(0, end + 2);
                    if (reply.contains("CN=9014")) {
                        replies.incrementAndGet();
                    }
                    if (watchedPassword != null && reply.contains("PW=" + watchedPassword + ";")) {
                        echoes.incrementAndGet();
                    }
                }
            }
            closedByService.set(true);
        } catch (IOException e) {
            closedByService.set(!socket.isClosed());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
