package org.urad.envmon.ingest.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A group-chat robot on a local port (JDK HttpServer): records every message, answers
 * {@code {"errcode":0}}, refuses a bad DingTalk signature ({@code 310000}) when it has a secret, and can
 * go away (the port closes) and come back on the same port.
 */
final class ChatRobot implements AutoCloseable {

    /** A message as the robot received it. */
    record Received(String body, String query, Instant at) {}

    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final int port;
    private volatile long delayMillis;
    private HttpServer server;

    ChatRobot(String secret) throws IOException {
        this.secret = secret;
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/robot/send?access_token=test");
    }

    List<Received> received() {
        return received;
    }

    List<String> refused() {
        return refused;
    }

    /** Each answer waits this long (so that two senders overlap). */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    synchronized void down() {
        server.stop(0);
    }

    synchronized void up() throws IOException {
        server = listen(port);
    }

    void awaitReceived(int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (received.size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
    }

    private HttpServer listen(int onPort) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", onPort), 50);
        s.createContext("/robot/send", this::handle);
        s.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "chat-robot");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String query = exchange.getRequestURI().getRawQuery();
        String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        if (secret != null && !signatureValid(query)) {
            refused.add(query);
            answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
        } else {
            received.add(new Received(body, query, Instant.now()));
        }
        try {
            Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** DingTalk's check, written out here rather than calling the code under test. */
    private boolean signatureValid(String query) {
        String timestamp = param(query, "timestamp");
        String sign = param(query, "sign");
        if (timestamp == null || sign == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = Base64.getEncoder()
                    .encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            return expected.equals(URLDecoder.decode(sign, StandardCharsets.UTF_8))
                    && Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) < 3_600_000;
        } catch (GeneralSecurityException | NumberFormatException e) {
            return false;
        }
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }
}
