package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.urad.envmon.ingest.deploy.ComposeBroker.NOT_AUTHORIZED;
import static org.urad.envmon.ingest.deploy.ComposeBroker.WAIT_SECONDS;
import static org.urad.envmon.ingest.deploy.ComposeBroker.close;
import static org.urad.envmon.ingest.deploy.ComposeBroker.message;
import static org.urad.envmon.ingest.deploy.ComposeBroker.reasonCodes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifies the Mosquitto configuration that docker-compose.yml mounts, on the real broker: {@code
 * ingest-service/deploy/mosquitto/mosquitto.conf} and {@code compose/acl} with only the ports and file locations
 * changed, the TLS listener running on certificates made by {@code make-certs.sh}.
 */
class MosquittoConfigIntegrationTests {

    @TempDir
    static Path work;

    private static ComposeBroker broker;

    @BeforeAll
    static void startBrokerWithTheComposeConfiguration() throws Exception {
        assumeTrue(
                ComposeBroker.installed(),
                "mosquitto and mosquitto_passwd are not installed (apt-get install mosquitto): not checked");
        broker = ComposeBroker.start(work, List.of("ingest:ingest-secret", "W001:w001-secret", "W002:w002-secret"));
    }

    @AfterAll
    static void stopBroker() throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void serviceReceivesWhatADevicePublishesUnderItsOwnId() throws Exception {
        MqttAsyncClient service = broker.client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        CountDownLatch received = new CountDownLatch(2);
        service.setCallback(new Received(received, new AtomicInteger()));
        assertThat(reasonCodes(service.subscribe(new MqttSubscription("urad/v1/#", 1))))
                .containsExactly(1);
        MqttAsyncClient device = broker.client("W001", "W001", "w001-secret", true);

        assertThat(reasonCodes(device.publish("urad/v1/well/W001/json", message("{}"))))
                .doesNotContain(NOT_AUTHORIZED);
        assertThat(reasonCodes(device.publish("urad/v1/well/W001/hj212", message("##0000"))))
                .doesNotContain(NOT_AUTHORIZED);

        assertThat(received.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        close(service, device);
    }

    @Test
    void serviceMaySubscribeThroughASharedSubscription() throws Exception {
        MqttAsyncClient service = broker.client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        assertThat(reasonCodes(service.subscribe(new MqttSubscription("$share/ingest/urad/v1/#", 1))))
                .containsExactly(1);
        close(service);
    }

    /** The TLS listener (8883 in the stack) with the certificates of make-certs.sh, as a device given ca.crt. */
    @Test
    void deviceConnectsOverTlsTrustingThePrivateCaAndIsAuthenticatedThere() throws Exception {
        MqttAsyncClient service = broker.client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        CountDownLatch received = new CountDownLatch(1);
        service.setCallback(new Received(received, new AtomicInteger()));
        service.subscribe(new MqttSubscription("urad/v1/#", 1)).waitForCompletion();
        MqttAsyncClient device = new MqttAsyncClient(broker.tlsUrl(), "W001-tls-" + UUID.randomUUID(), null);
        var options = ComposeBroker.options("W001", "w001-secret", true);
        options.setSocketFactory(
                MakeCerts.trusting(broker.certs().resolve("ca.crt")).getSocketFactory());
        device.connect(options).waitForCompletion(WAIT_SECONDS * 1000L);

        assertThat(reasonCodes(device.publish("urad/v1/well/W001/json", message("{}"))))
                .doesNotContain(NOT_AUTHORIZED);
        assertThat(received.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        close(service, device);

        // a client that does not trust the private CA is refused by its own TLS check
        MqttAsyncClient stranger = new MqttAsyncClient(broker.tlsUrl(), "stranger-" + UUID.randomUUID(), null);
        var strangerOptions = ComposeBroker.options("W001", "w001-secret", true);
        strangerOptions.setSocketFactory(javax.net.ssl.SSLContext.getDefault().getSocketFactory());
        assertThat(catchThrowableOfType(
                        MqttException.class,
                        () -> stranger.connect(strangerOptions).waitForCompletion(WAIT_SECONDS * 1000L)))
                .isNotNull();
        // and the TLS listener refuses a wrong password as the plain one does
        MqttAsyncClient wrong = new MqttAsyncClient(broker.tlsUrl(), "wrong-" + UUID.randomUUID(), null);
        var wrongOptions = ComposeBroker.options("W001", "not-the-password", true);
        wrongOptions.setSocketFactory(
                MakeCerts.trusting(broker.certs().resolve("ca.crt")).getSocketFactory());
        assertThat(catchThrowableOfType(
                        MqttException.class, () -> wrong.connect(wrongOptions).waitForCompletion(WAIT_SECONDS * 1000L)))
                .isNotNull();
    }

    @Test
    void deviceIsRefusedOnAnotherDevicesTopic() throws Exception {
        MqttAsyncClient device = broker.client("W001", "W001", "w001-secret", true);

        assertThat(reasonCodes(device.publish("urad/v1/well/W002/json", message("{}"))))
                .containsExactly(NOT_AUTHORIZED);
        assertThat(reasonCodes(device.publish("urad/v1/alerts/json", message("{}"))))
                .containsExactly(NOT_AUTHORIZED);
        close(device);
    }

    /** Mosquitto grants the subscription but delivers nothing a device may not read. */
    @Test
    void deviceReceivesNothingFromOtherDevices() throws Exception {
        MqttAsyncClient snooper = broker.client("W002", "W002", "w002-secret", true);
        AtomicInteger snooped = new AtomicInteger();
        snooper.setCallback(new Received(new CountDownLatch(1), snooped));
        snooper.subscribe(new MqttSubscription("urad/v1/#", 1)).waitForCompletion();
        MqttAsyncClient service = broker.client("ingest-" + UUID.randomUUID(), "ingest", "ingest-secret", true);
        CountDownLatch serviceGotIt = new CountDownLatch(1);
        service.setCallback(new Received(serviceGotIt, new AtomicInteger()));
        service.subscribe(new MqttSubscription("urad/v1/#", 1)).waitForCompletion();
        MqttAsyncClient device = broker.client("W001", "W001", "w001-secret", true);

        device.publish("urad/v1/well/W001/json", message("{}")).waitForCompletion();
        assertThat(serviceGotIt.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        // Give the broker a moment to deliver to the second subscriber too, if it were allowed to.
        Thread.sleep(500);

        assertThat(snooped.get()).isZero();
        close(snooper, service, device);
    }

    @Test
    void wrongPasswordAndAnonymousClientsAreRefused() {
        MqttException wrong = catchThrowableOfType(
                MqttException.class, () -> broker.client("W001", "W001", "not-the-password", true));
        assertThat(wrong).isNotNull();
        assertThat(wrong.getReasonCode()).isIn(0x86, NOT_AUTHORIZED);
        MqttException anonymous =
                catchThrowableOfType(MqttException.class, () -> broker.client("anon", null, null, true));
        assertThat(anonymous).isNotNull();
        assertThat(anonymous.getReasonCode()).isIn(0x86, NOT_AUTHORIZED);
    }

    /** More than Mosquitto's default queue (1000 messages) must wait for the service while it is away. */
    @Test
    void queuesEveryQos1MessageForTheServiceWhileItIsAway() throws Exception {
        int messages = 2_500;
        String clientId = "ingest-queue-" + UUID.randomUUID();
        MqttAsyncClient service = broker.client(clientId, "ingest", "ingest-secret", false);
        service.subscribe(new MqttSubscription("urad/v1/gate/#", 1)).waitForCompletion();
        service.disconnect().waitForCompletion();
        service.close();

        MqttAsyncClient device = broker.client("W002", "W002", "w002-secret", true);
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
        MqttAsyncClient back = new MqttAsyncClient(broker.url(), clientId, new MemoryPersistence());
        back.setCallback(new Received(all, count));
        back.connect(ComposeBroker.options("ingest", "ingest-secret", false)).waitForCompletion();
        all.await(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(count.get()).isEqualTo(messages);
        close(back, device);
    }

    @Test
    void composeHealthCheckCanReadTheBrokerUptime() throws Exception {
        var sub = ComposeFileTests.onPath("mosquitto_sub");
        assumeTrue(sub.isPresent(), "mosquitto_sub is not installed: health check not checked");
        String port = Integer.toString(broker.port());
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
}
