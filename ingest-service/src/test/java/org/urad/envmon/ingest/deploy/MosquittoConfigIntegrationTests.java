package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the Mosquitto configuration that docker-compose.yml mounts, on the real broker: a copy of
 * {@code ingest-service/deploy/mosquitto/compose/} with only the port and file locations changed.
 */
class MosquittoConfigIntegrationTests {

    private static final String DIR = "ingest-service/deploy/mosquitto/compose/";
    private static final int NOT_AUTHORIZED = 0x87;
    private static final int WAIT_SECONDS = 30;

    @TempDir
    static Path work;

    private static Process broker;
    private static String url;

    @BeforeAll
    static void startBrokerWithTheComposeConfiguration() throws Exception {
        var mosquitto = ComposeFileTests.onPath("mosquitto");
        var passwd = ComposeFileTests.onPath("mosquitto_passwd");
        assumeTrue(
                mosquitto.isPresent() && passwd.isPresent(),
                "mosquitto and mosquitto_passwd are not installed (apt-get install mosquitto): not checked");
        Path passwords = work.resolve("passwd");
        Files.createFile(passwords);
        for (String[] user :
                new String[][] {{"ingest", "ingest-secret"}, {"W001", "w001-secret"}, {"W002", "w002-secret"}}) {
            run(passwd.get().toString(), "-b", passwords.toString(), user[0], user[1]);
        }
        Files.copy(RepositoryFiles.resolve(DIR + "acl"), work.resolve("acl"));
        Files.createDirectories(work.resolve("data"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String conf = Files.readString(RepositoryFiles.resolve(DIR + "mosquitto.conf"));
        conf = replaceLine(conf, "listener 1883", "listener " + port + " 127.0.0.1");
        conf = replaceLine(conf, "password_file /mosquitto/data/passwd", "password_file " + passwords);
        conf = replaceLine(conf, "acl_file /mosquitto/config/acl", "acl_file " + work.resolve("acl"));
        conf = replaceLine(
                conf, "persistence_location /mosquitto/data/", "persistence_location " + work.resolve("data") + "/");
        // Started as root, Mosquitto would switch to user "mosquitto", who cannot read the temporary files.
        conf += "\nuser " + System.getProperty("user.name") + "\n";
        Files.writeString(work.resolve("mosquitto.conf"), conf);
        broker = new ProcessBuilder(
                        mosquitto.get().toString(),
                        "-c",
                        work.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("mosquitto.log").toFile())
                .start();
        url = "tcp://127.0.0.1:" + port;
        awaitListening(port);
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void serviceReceivesWhatADevicePublishesUnderItsOwnId() throws Exception {
        MqttAsyncClient service = client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        CountDownLatch received = new CountDownLatch(2);
        service.setCallback(new Received(received, new AtomicInteger()));
        assertThat(reasonCodes(service.subscribe(new MqttSubscription("urad/v1/#", 1))))
                .containsExactly(1);
        MqttAsyncClient device = client("W001", "W001", "w001-secret", true);

        assertThat(reasonCodes(device.publish("urad/v1/well/W001/json", message("{}"))))
                .doesNotContain(NOT_AUTHORIZED);
        assertThat(reasonCodes(device.publish("urad/v1/well/W001/hj212", message("##0000"))))
                .doesNotContain(NOT_AUTHORIZED);

        assertThat(received.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        close(service, device);
    }

    @Test
    void serviceMaySubscribeThroughASharedSubscription() throws Exception {
        MqttAsyncClient service = client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        assertThat(reasonCodes(service.subscribe(new MqttSubscription("$share/ingest/urad/v1/#", 1))))
                .containsExactly(1);
        close(service);
    }

    @Test
    void deviceIsRefusedOnAnotherDevicesTopic() throws Exception {
        MqttAsyncClient device = client("W001", "W001", "w001-secret", true);

        assertThat(reasonCodes(device.publish("urad/v1/well/W002/json", message("{}"))))
                .containsExactly(NOT_AUTHORIZED);
        assertThat(reasonCodes(device.publish("urad/v1/alerts/json", message("{}"))))
                .containsExactly(NOT_AUTHORIZED);
        close(device);
    }

    /** Mosquitto grants the subscription but delivers nothing a device may not read. */
    @Test
    void deviceReceivesNothingFromOtherDevices() throws Exception {
        MqttAsyncClient snooper = client("W002", "W002", "w002-secret", true);
        AtomicInteger snooped = new AtomicInteger();
        snooper.setCallback(new Received(new CountDownLatch(1), snooped));
        snooper.subscribe(new MqttSubscription("urad/v1/#", 1)).waitForCompletion();
        MqttAsyncClient service = client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        CountDownLatch serviceGotIt = new CountDownLatch(1);
        service.setCallback(new Received(serviceGotIt, new AtomicInteger()));
        service.subscribe(new MqttSubscription("urad/v1/#", 1)).waitForCompletion();
        MqttAsyncClient device = client("W001", "W001", "w001-secret", true);

        device.publish("urad/v1/well/W001/json", message("{}")).waitForCompletion();
        assertThat(serviceGotIt.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // Give the broker a moment to deliver to the second subscriber too, if it were allowed to.
        Thread.sleep(500);

        assertThat(snooped.get()).isZero();
        close(snooper, service, device);
    }

    @Test
    void wrongPasswordAndAnonymousClientsAreRefused() {
        MqttException wrong =
                catchThrowableOfType(MqttException.class, () -> client("W001", "W001", "not-the-password", true));
        assertThat(wrong).isNotNull();
        assertThat(wrong.getReasonCode()).isIn(0x86, NOT_AUTHORIZED);
        MqttException anonymous = catchThrowableOfType(MqttException.class, () -> client("anon", null, null, true));
        assertThat(anonymous).isNotNull();
        assertThat(anonymous.getReasonCode()).isIn(0x86, NOT_AUTHORIZED);
    }

    /** More than Mosquitto's default queue (1000 messages) must wait for the service while it is away. */
    @Test
    void queuesEveryQos1MessageForTheServiceWhileItIsAway() throws Exception {
        int messages = 2_500;
        String clientId = "ingest-queue-" + UUID.randomUUID();
        MqttAsyncClient service = client(clientId, "ingest", "ingest-secret", false);
        service.subscribe(new MqttSubscription("urad/v1/gate/#", 1)).waitForCompletion();
        service.disconnect().waitForCompletion();
        service.close();

        MqttAsyncClient device = client("W002", "W002", "w002-secret", true);
        List<IMqttToken> sent = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            sent.add(device.publish("urad/v1/gate/W002/json", message("{\"seq\":" + i + "}")));
            if (sent.size() >= 100) {
                for (IMqttToken t : sent) {
                    t.waitForCompletion();
                }
                sent.clear();
            }
        }
        for (IMqttToken t : sent) {
            t.waitForCompletion();
        }

        AtomicInteger count = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(messages);
        MqttAsyncClient back = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        back.setCallback(new Received(all, count));
        back.connect(options("ingest", "ingest-secret", false)).waitForCompletion();
        all.await(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(count.get()).isEqualTo(messages);
        close(back, device);
    }

    @Test
    void composeHealthCheckCanReadTheBrokerUptime() throws Exception {
        var sub = ComposeFileTests.onPath("mosquitto_sub");
        assumeTrue(sub.isPresent(), "mosquitto_sub is not installed: health check not checked");
        String port = url.substring(url.lastIndexOf(':') + 1);
        Process p = new ProcessBuilder(
                        sub.get().toString(),
                        "-h",
                        "127.0.0.1",
                        "-p",
                        port,
                        "-u",
                        "ingest",
                        "-P",
                        "ingest-secret",
                        "-t",
                        "$SYS/broker/uptime",
                        "-C",
                        "1",
                        "-W",
                        "10")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("seconds");
    }

    private static MqttAsyncClient client(String id, String user, String password, boolean cleanStart)
            throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(url, id + "-" + UUID.randomUUID(), new MemoryPersistence());
        if (!cleanStart) {
            c = new MqttAsyncClient(url, id, new MemoryPersistence());
        }
        c.connect(options(user, password, cleanStart)).waitForCompletion(WAIT_SECONDS * 1000L);
        return c;
    }

    private static MqttConnectionOptions options(String user, String password, boolean cleanStart) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(cleanStart);
        o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    private static MqttMessage message(String payload) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        return m;
    }

    /** The broker's reason codes for a PUBLISH or SUBSCRIBE, whether Paho reports them or throws them. */
    private static List<Integer> reasonCodes(IMqttToken token) {
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

    private static void close(MqttAsyncClient... clients) throws MqttException {
        for (MqttAsyncClient c : clients) {
            c.disconnect().waitForCompletion();
            c.close();
        }
    }

    private static String replaceLine(String conf, String line, String replacement) {
        assertThat(conf).as("the compose configuration has the line '%s'", line).containsPattern("(?m)^" + line + "$");
        return conf.replaceAll(
                "(?m)^" + java.util.regex.Pattern.quote(line) + "$",
                java.util.regex.Matcher.quoteReplacement(replacement));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!broker.isAlive()) {
                    throw new IllegalStateException(
                            "mosquitto exited: " + Files.readString(work.resolve("mosquitto.log")));
                }
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }
}
