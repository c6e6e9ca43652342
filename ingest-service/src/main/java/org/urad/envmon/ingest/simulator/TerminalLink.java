package org.urad.envmon.ingest.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.sl651.Sl651Codec;
import org.urad.envmon.ingest.decode.sl651.Sl651Frame;
import org.urad.envmon.ingest.decode.szy206.Szy206Codec;
import org.urad.envmon.ingest.decode.szy206.Szy206Frame;
import org.urad.envmon.ingest.decode.szy206.Szy206Replies;

/**
 * One TCP connection to the SZY 206 or SL 651 listener that carries the frames of every simulated terminal
 * of that protocol, as a concentrator would. A reader thread ({@code simulator-<protocol>-replies}) takes the
 * listener's confirmations (SZY 206: AFN C0H going down; SL 651: a downward frame ended by EOT, ESC or ACK)
 * and counts them. A broken connection is opened again at the next frame.
 */
final class TerminalLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TerminalLink.class);
    private static final int CONNECT_TIMEOUT_MS = 5000;

    private final String protocol;
    private final InetSocketAddress address;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong confirmed = new AtomicLong();
    private Socket socket;
    private OutputStream out;

    /** @param protocol {@code szy206} or {@code sl651} */
    TerminalLink(String protocol, InetSocketAddress address) {
        this.protocol = protocol;
        this.address = address;
    }

    String protocol() {
        return protocol;
    }

    /** Writes one frame, connecting first if need be, and once more on a fresh connection if the write fails. */
    synchronized void send(byte[] frame) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(frame);
                out.flush();
                sent.incrementAndGet();
                return;
            } catch (IOException e) {
                disconnect();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    long sent() {
        return sent.get();
    }

    long confirmed() {
        return confirmed.get();
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.connect(address, CONNECT_TIMEOUT_MS);
        socket = s;
        out = s.getOutputStream();
        InputStream in = s.getInputStream();
        Thread reader = new Thread(() -> readReplies(in), "simulator-" + protocol + "-replies");
        reader.setDaemon(true);
        reader.start();
        log.info("Simulated {} terminals connected to {}", protocol, address);
    }

    private void readReplies(InputStream in) {
        byte[] buffer = new byte[8192];
        int size = 0;
        try {
            int n;
            while ((n = in.read(buffer, size, buffer.length - size)) >= 0) {
                size += n;
                size = take(buffer, size);
            }
        } catch (IOException e) {
            log.debug("{} replies no longer read: {}", protocol, e.getMessage());
        }
    }

    /** Counts the whole replies at the start of {@code buffer}; returns how many bytes are left. */
    private int take(byte[] buffer, int size) {
        int at = 0;
        while (at < size) {
            int length = replyLength(buffer, at, size - at);
            if (length < 0) {
                break;
            }
            if (length == 0) {
                at++; // not the start of a reply: skip a byte
                continue;
            }
            if (isConfirmation(Arrays.copyOfRange(buffer, at, at + length))) {
                confirmed.incrementAndGet();
            }
            at += length;
        }
        System.arraycopy(buffer, at, buffer, 0, size - at);
        return size - at;
    }

    /** The length of the reply at {@code at}, 0 when none starts there, -1 when it has not all arrived. */
    private int replyLength(byte[] b, int at, int available) {
        int length;
        if (protocol.equals("szy206")) {
            if ((b[at] & 0xFF) != 0x68) {
                return 0;
            }
            length = available < 2 ? -1 : (b[at + 1] & 0xFF) + 5;
        } else {
            if ((b[at] & 0xFF) != 0x7E) {
                return 0;
            }
            length = available < 13 ? -1 : 13 + ((b[at + 11] & 0x0F) << 8 | (b[at + 12] & 0xFF)) + 4;
        }
        return length < 0 || length > available ? -1 : length;
    }

    private boolean isConfirmation(byte[] reply) {
        try {
            if (protocol.equals("szy206")) {
                Szy206Frame f = Szy206Codec.decode(reply);
                return !f.fromTerminal() && f.afn() == Szy206Replies.AFN_SELF_REPORT;
            }
            Sl651Frame f = Sl651Codec.decode(reply);
            return !f.up() && (f.end() == Sl651Frame.EOT || f.end() == Sl651Frame.ESC || f.end() == Sl651Frame.ACK);
        } catch (DecodeException e) {
            log.warn("Unreadable {} reply: {}", protocol, e.getMessage());
            return false;
        }
    }

    private void disconnect() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                log.debug("Closing the {} link: {}", protocol, e.getMessage());
            }
        }
        socket = null;
        out = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
    }
}
