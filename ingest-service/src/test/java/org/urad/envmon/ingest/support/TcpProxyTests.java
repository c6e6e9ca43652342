package org.urad.envmon.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpProxyTests {

    private ServerSocket echo;
    private TcpProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(this::echoLoop, "echo");
        server.setDaemon(true);
        server.start();
        proxy = TcpProxy.to(echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        echo.close();
    }

    @Test
    void passesBytesBothWays() throws IOException {
        try (Connection c = new Connection(proxy.port())) {
            assertThat(c.roundTrip("hello")).isEqualTo("hello");
        }
    }

    @Test
    void cutClosesOpenConnectionsAndRefusesNewOnes() throws IOException {
        try (Connection c = new Connection(proxy.port())) {
            assertThat(c.roundTrip("before")).isEqualTo("before");

            proxy.cut();

            assertThat(c.in.readLine()).isNull();
        }
        try (Socket s = new Socket()) {
            try {
                s.connect(new InetSocketAddress("127.0.0.1", proxy.port()), 2_000);
            } catch (ConnectException refused) {
                return;
            }
            if (s.getLocalPort() == proxy.port()) {
                return; // TCP's self-connect: the kernel gave the client the free port itself
            }
            // The port is free while cut, so another process may listen on it; what must not happen is
            // that the proxy answers and forwards to the echo server.
            s.setSoTimeout(1_000);
            s.getOutputStream().write("probe-after-cut\n".getBytes(StandardCharsets.UTF_8));
            assertThat(firstLineOrNull(s)).isNotEqualTo("probe-after-cut");
        }
    }

    private static String firstLineOrNull(Socket s) {
        try {
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        } catch (IOException noAnswer) {
            return null;
        }
    }

    @Test
    void restoreAcceptsConnectionsAgainOnTheSamePort() throws IOException {
        int port = proxy.port();
        proxy.cut();

        proxy.restore();

        try (Connection c = new Connection(port)) {
            assertThat(c.roundTrip("after")).isEqualTo("after");
        }
    }

    private void echoLoop() {
        while (!echo.isClosed()) {
            try {
                Socket s = echo.accept();
                Thread t = new Thread(() -> {
                    try (s) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        // client went away
                    }
                });
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static final class Connection implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final PrintWriter out;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        String roundTrip(String line) throws IOException {
            out.println(line);
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
