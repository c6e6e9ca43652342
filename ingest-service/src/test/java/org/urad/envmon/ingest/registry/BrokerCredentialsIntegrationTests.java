package org.urad.envmon.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urad.envmon.ingest.config.embedded.Ports;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.support.OnMessage;

/**
 * Verifies the generated broker credentials against the real Mosquitto: hashes agree with {@code
 * mosquitto_passwd}, and a broker running the generated password file and ACL lets each device publish under
 * its own topic only, refuses unknown and anonymous clients, and lets the service read everything. Skipped
 * where Mosquitto is not installed ({@code INGEST_TEST_MOSQUITTO} or {@code /usr/sbin/mosquitto}).
 */
class BrokerCredentialsIntegrationTests {

    private static final String PREFIX = "urad/v1";
    private static final List<BrokerCredentials.Account> DEVICES = List.of(
            new BrokerCredentials.Account("W0001", Family.WELL),
            new BrokerCredentials.Account("W0002", Family.WELL),
            new BrokerCredentials.Account("CEMS-01", Family.CEMS));

    @TempDir
    Path dir;

    private static Path binary(String env, String path) {
        String configured = System.getenv(env);
        Path p = Path.of(configured != null && !configured.isBlank() ? configured : path);
        assumeTrue(Files.isExecutable(p), "no " + p);
        return p;
    }

    @Test
    void hashesAgreeWithMosquittoPasswd() throws Exception {
        Path passwd = binary("INGEST_TEST_MOSQUITTO_PASSWD", "/usr/bin/mosquitto_passwd");
        Path file = dir.resolve("passwd");
        Process p = new ProcessBuilder(passwd.toString(), "-b", "-c", file.toString(), "W0001", "s3cret-Pw_1")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String line = Files.readAllLines(file).get(0);
        String encoded = line.substring(line.indexOf(':') + 1);
        String[] parts = encoded.split("\\$"); // "", "7", iterations, salt, hash

        assertThat(parts[1]).isEqualTo("7");
        assertThat(MosquittoPasswords.hash(
                        "s3cret-Pw_1", Base64.getDecoder().decode(parts[3]), Integer.parseInt(parts[2])))
                .isEqualTo(encoded);
        assertThat(MosquittoPasswords.matches(encoded, "s3cret-Pw_1")).isTrue();
        assertThat(MosquittoPasswords.matches(encoded, "s3cret-Pw_2")).isFalse();
    }

    @Test
    void generatesOneUserAndOneWriteRulePerDeviceAndAReadRuleForTheService() {
        BrokerCredentials.Generated files =
                BrokerCredentials.generate(DEVICES, PREFIX, "urad-ingest", new SecureRandom());

        assertThat(files.aclFile())
                .contains("user urad-ingest\ntopic read urad/v1/#\n")
                .contains("user W0001\ntopic write urad/v1/well/W0001/#\n")
                .contains("user CEMS-01\ntopic write urad/v1/cems/CEMS-01/#\n");
        assertThat(files.passwordFile().lines()).hasSize(4).allMatch(l -> l.matches("[^:]+:\\$7\\$101\\$.+\\$.+"));
        Map<String, String> passwords = passwords(files);
        assertThat(passwords).containsKeys("urad-ingest", "W0001", "W0002", "CEMS-01");
        assertThat(files.passwordFile()).doesNotContain(passwords.get("W0001"));
        assertThat(files.toString()).doesNotContain(passwords.get("W0001"));
        assertThatThrownBy(() -> BrokerCredentials.generate(
                        List.of(new BrokerCredentials.Account("W1/#", Family.WELL)), PREFIX, "svc", new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void regeneratingKeepsTheHashesOfKnownUsersAndIssuesPasswordsOnlyToNewDevices() {
        BrokerCredentials.Generated first =
                BrokerCredentials.generate(DEVICES.subList(0, 2), PREFIX, "urad-ingest", new SecureRandom());
        Map<String, String> before = BrokerCredentials.readPasswordFile(first.passwordFile());

        BrokerCredentials.Generated second =
                BrokerCredentials.generate(DEVICES, PREFIX, "urad-ingest", new SecureRandom(), before);
        Map<String, String> after = BrokerCredentials.readPasswordFile(second.passwordFile());

        assertThat(before).containsOnlyKeys("urad-ingest", "W0001", "W0002");
        assertThat(after)
                .containsEntry("W0001", before.get("W0001"))
                .containsEntry("urad-ingest", before.get("urad-ingest"));
        Map<String, String> issued = passwords(second);
        assertThat(issued).containsEntry("W0001", BrokerCredentials.UNCHANGED);
        assertThat(issued.get("CEMS-01")).isNotEqualTo(BrokerCredentials.UNCHANGED);
        assertThat(MosquittoPasswords.matches(after.get("CEMS-01"), issued.get("CEMS-01")))
                .isTrue();
        assertThat(MosquittoPasswords.matches(
                        after.get("W0002"), passwords(first).get("W0002")))
                .isTrue();
    }

    @Test
    void mosquittoWithTheGeneratedFilesKeepsEachDeviceToItsOwnTopic() throws Exception {
        Path mosquitto = binary("INGEST_TEST_MOSQUITTO", "/usr/sbin/mosquitto");
        BrokerCredentials.Generated files =
                BrokerCredentials.generate(DEVICES, PREFIX, "urad-ingest", new SecureRandom());
        BrokerCredentials.write(dir.resolve("passwd"), files.passwordFile());
        BrokerCredentials.write(dir.resolve("acl"), files.aclFile());
        Map<String, String> passwords = passwords(files);
        int port = Ports.free();
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "allow_anonymous false",
                        "password_file " + dir.resolve("passwd"),
                        "acl_file " + dir.resolve("acl"),
                        "persistence false",
                        "user " + System.getProperty("user.name"),
                        "log_dest file " + dir.resolve("mosquitto.log"),
                        ""));
        Process broker = new ProcessBuilder(
                        mosquitto.toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
        String url = "tcp://127.0.0.1:" + port;
        try {
            awaitListening(broker, port);
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            MqttClient service = connect(url, "urad-ingest", passwords.get("urad-ingest"));
            service.setCallback(new Collector(received));
            service.subscribe(PREFIX + "/#", 1);
            MqttClient w1 = connect(url, "W0001", passwords.get("W0001"));

            publishIgnoringRefusal(w1, PREFIX + "/well/W0002/json", "forged");
            publishIgnoringRefusal(w1, PREFIX + "/cems/W0001/json", "wrong family");
            w1.publish(PREFIX + "/well/W0001/json", new MqttMessage("own".getBytes(StandardCharsets.UTF_8)));

            assertThat(received.poll(20, TimeUnit.SECONDS)).isEqualTo(PREFIX + "/well/W0001/json own");
            assertThatThrownBy(() -> connect(url, "W0002", passwords.get("W0001")))
                    .isInstanceOf(MqttException.class);
            assertThatThrownBy(() -> connect(url, null, null)).isInstanceOf(MqttException.class);
            w1.disconnect();
            service.disconnect();
            assertThat(received).isEmpty();
        } finally {
            broker.destroy();
            broker.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static Map<String, String> passwords(BrokerCredentials.Generated files) {
        Map<String, String> passwords = new HashMap<>();
        files.passwordsCsv().lines().skip(1).forEach(l -> {
            String[] f = l.split(",");
            passwords.put(f[2], f[3]);
        });
        return passwords;
    }

    private static MqttClient connect(String url, String user, String password) throws MqttException {
        MqttClient client = new MqttClient(url, "t-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        client.connect(options);
        return client;
    }

    /** Mosquitto answers a refused QoS 1 publish with "not authorized" (MQTT 5) or drops it: either is fine. */
    private static void publishIgnoringRefusal(MqttClient client, String topic, String payload) {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        try {
            client.publish(topic, message);
        } catch (MqttException refused) {
            // the broker said no: what this test wants
        }
    }

    private record Collector(BlockingQueue<String> received) implements OnMessage {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            received.add(topic + " " + text(message));
        }
    }

    private static String text(MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    private static void awaitListening(Process broker, int port) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("mosquitto exited");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }
}
