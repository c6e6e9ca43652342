package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A real Mosquitto process running the compose configuration ({@code mosquitto.conf} and {@code acl}
 * from {@code ingest-service/deploy/mosquitto/compose/}), with only the listener port and the file
 * locations changed, and a password file holding the given users.
 */
final class ComposeBroker implements AutoCloseable {

    static final int NOT_AUTHORIZED = 0x87;
    static final int WAIT_SECONDS = 30;
    private static final String DIR = "ingest-service/deploy/mosquitto/compose/";
    private static final String CONF = "ingest-service/deploy/mosquitto/mosquitto.conf";

    private final Process process;
    private final int port;
    private final int tlsPort;
    private final Path certs;

    private ComposeBroker(Process process, int port, int tlsPort, Path certs) {
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.certs = certs;
    }

    static boolean installed() {
        return ComposeFileTests.onPath("mosquitto").isPresent()
                && ComposeFileTests.onPath("mosquitto_passwd").isPresent()
                && ComposeFileTests.onPath("openssl").isPresent();
    }

    /**
     * Starts the broker in {@code work}; users as {@code name:password}. Its TLS listener uses certificates for
     * localhost and 127.0.0.1 made by {@code ingest-service/deploy/tls/make-certs.sh}.
     */
    static ComposeBroker start(Path work, List<String> users) throws Exception {
        Path passwords = work.resolve("passwd");
        Files.createFile(passwords);
        String passwd =
                ComposeFileTests.onPath("mosquitto_passwd").orElseThrow().toString();
        for (String user : users) {
            String[] u = user.split(":", 2);
            run(passwd, "-b", passwords.toString(), u[0], u[1]);
        }
        Files.copy(RepositoryFiles.resolve(DIR + "acl"), work.resolve("acl"));
        Files.createDirectories(work.resolve("data"));
        int port = freePort();
        int tlsPort = freePort();
        Path certs = MakeCerts.run(work.resolve("certs"), "localhost", "127.0.0.1");
        String conf = Files.readString(RepositoryFiles.resolve(CONF));
        conf = replaceLine(conf, "listener 1883", "listener " + port + " 127.0.0.1");
        conf = replaceLine(conf, "listener 8883", "listener " + tlsPort + " 127.0.0.1");
        for (String file : List.of("certfile", "keyfile", "cafile")) {
            String name = file.equals("cafile") ? "ca.crt" : file.equals("certfile") ? "server.crt" : "server.key";
            conf = replaceLine(conf, file + " /mosquitto/certs/" + name, file + " " + certs.resolve(name));
        }
        conf = replaceLine(conf, "password_file /mosquitto/data/passwd", "password_file " + passwords);
        conf = replaceLine(conf, "acl_file /mosquitto/data/acl", "acl_file " + work.resolve("acl"));
        conf = replaceLine(
                conf, "persistence_location /mosquitto/data/", "persistence_location " + work.resolve("data") + "/");
        // Started as root, Mosquitto would switch to user "mosquitto", who cannot read the temporary files.
        conf += "\nuser " + System.getProperty("user.name") + "\n";
        Files.writeString(work.resolve("mosquitto.conf"), conf);
        Process process = new ProcessBuilder(
                        ComposeFileTests.onPath("mosquitto").orElseThrow().toString(),
                        "-c",
                        work.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto.log").toFile())
                .start();
        awaitListening(process, port, work.resolve("mosquitto.log"));
        awaitListening(process, tlsPort, work.resolve("mosquitto.log"));
        return new ComposeBroker(process, port, tlsPort, certs);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String tlsUrl() {
        return "ssl://localhost:" + tlsPort;
    }

    /** The directory make-certs.sh wrote: ca.crt, server.crt, server.key, server.p12. */
    Path certs() {
        return certs;
    }

    int port() {
        return port;
    }

    /** A connected client; with {@code cleanStart} false its session (and queue) outlives the connection. */
    MqttAsyncClient client(String id, String user, String password, boolean cleanStart) throws MqttException {
        String clientId = cleanStart ? id + "-" + UUID.randomUUID() : id;
        MqttAsyncClient c = new MqttAsyncClient(url(), clientId, new MemoryPersistence());
        c.connect(options(user, password, cleanStart)).waitForCompletion(WAIT_SECONDS * 1000L);
        return c;
    }

    static MqttConnectionOptions options(String user, String password, boolean cleanStart) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    static MqttMessage message(String payload) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }

    /** The broker's reason codes for a PUBLISH or SUBSCRIBE, whether Paho reports them or throws them. */
    static List<Integer> reasonCodes(IMqttToken token) {
        try {
            token.waitForCompletion(WAIT_SECONDS * 1000L);
        } catch (MqttException e) {
            return List.of(e.getReasonCode());
        }
        List<Integer> codes = new ArrayList<>();
        for (int c : token.getReasonCodes()) {
            codes.add(c);
        }
        return codes;
    }

    static void close(MqttAsyncClient... clients) throws MqttException {
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion();
            c.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String replaceLine(String conf, String line, String replacement) {
        Pattern p = Pattern.compile("(?m)^" + Pattern.quote(line) + "$");
        assertThat(p.matcher(conf).find())
                .as("the compose configuration has the line '%s'", line)
                .isTrue();
        return p.matcher(conf).replaceAll(Matcher.quoteReplacement(replacement));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static void awaitListening(Process process, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mosquitto exited: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }
}
