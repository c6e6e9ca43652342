package org.urad.envmon.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy for fault tests: clients connect to {@link #port()}, bytes go both ways to the target.
 * {@link #cut()} closes every connection and refuses new ones (the listening socket is closed); {@link #restore()}
 * listens again on the same port.
 */
public final class TcpProxy implements AutoCloseable {

    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final int port;
    private ServerSocket server;
    private Thread acceptor;
    private boolean closed;

    private TcpProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = listen(0);
        this.port = server.getLocalPort();
        this.acceptor = acceptIn(server);
    }

    /** A proxy to {@code targetPort} on loopback. */
    public static TcpProxy to(int targetPort) {
        try {
            return new TcpProxy(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    /** A {@code tcp://} URL of the proxy, for MQTT clients. */
    public String mqttUrl() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Closes all connections and stops listening, so new connections are refused. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        awaitReleased();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Listens again on the same port. */
    public synchronized void restore() {
        if (server != null || closed) {
            return;
        }
        try {
            server = listen(port);
            acceptor = acceptIn(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on " + port, e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        cut();
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    /**
     * A listening socket closed while a thread is blocked in {@code accept} is only released once that thread has
     * left it; until then the kernel still completes handshakes on the port and a new bind fails.
     */
    private void awaitReleased() {
        if (acceptor == null) {
            return;
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acceptor = null;
    }

    private Thread acceptIn(ServerSocket listening) {
        return daemon("tcp-proxy-accept-" + port, () -> {
            while (!listening.isClosed()) {
                try {
                    connect(listening.accept());
                } catch (IOException e) {
                    return; // cut or closed
                }
            }
        });
    }

    private void connect(Socket client) {
        try {
            Socket upstream = new Socket(target.getAddress(), target.getPort());
            sockets.add(client);
            sockets.add(upstream);
            pump(client, upstream);
            pump(upstream, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        daemon("tcp-proxy-pump-" + port, () -> {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
