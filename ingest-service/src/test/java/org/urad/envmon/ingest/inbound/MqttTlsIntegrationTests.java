package org.urad.envmon.ingest.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urad.envmon.ingest.IngestPipeline;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.config.TlsContexts;
import org.urad.envmon.ingest.notify.AlertMessage;
import org.urad.envmon.ingest.notify.MqttAlertSender;
import org.urad.envmon.ingest.notify.MqttNotifyProperties;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.MigratedDatabase;
import org.urad.envmon.ingest.support.MosquittoTestBroker;
import org.urad.envmon.ingest.support.Pipelines;
import org.urad.envmon.ingest.support.SampleRegistry;

/**
 * Verifies that the service reads from a broker that speaks only TLS ({@code ssl://} URL, broker CA in
 * {@code ingest.mqtt.tls.trust-store}), and that the broker turns away clients that do not trust it or do not speak
 * TLS. The CA and server certificate are made with {@code openssl}; mosquitto is {@code INGEST_TEST_MOSQUITTO}, else
 * {@code /usr/sbin/mosquitto}. Skipped where either is missing.
 */
class MqttTlsIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private MosquittoTestBroker broker;
    private MigratedDatabase database;
    private IngestPipeline pipeline;
    private String prefix;
    private String tlsUrl;
    private Path trustStore;

    @BeforeEach
    void setUp() throws Exception {
        Path mosquitto = mosquittoBinary();
        assumeTrue(opensslRuns(), "openssl is not installed (needed to make the test certificates)");
        makeCertificates();
        trustStore = trustStore("ca", dir.resolve("ca.crt"));
        Path config = Files.writeString(dir.resolve("base.conf"), "allow_anonymous true\npersistence false\n");
        broker = MosquittoTestBroker.launch(
                mosquitto,
                config,
                List.of(
                        "cafile " + dir.resolve("ca.crt"),
                        "certfile " + dir.resolve("server.crt"),
                        "keyfile " + dir.resolve("server.key")));
        tlsUrl = "ssl://127.0.0.1:" + broker.port();
        prefix = Pipelines.uniquePrefix();
        database = MigratedDatabase.create("mqtttls");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (pipeline != null) {
            pipeline.kill();
        }
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void storesAReadingPublishedOverTlsWithTheBrokerCaInTheTrustStore() throws Exception {
        // GIVEN the pipeline configured with an ssl:// URL and the broker's CA as its trust store
        IngestProperties.Tls tls = new IngestProperties.Tls(
                null, null, "PKCS12", trustStore.toString(), PASSWORD, "PKCS12", IngestProperties.Tls.ClientAuth.NONE);
        pipeline = startWithin(Duration.ofSeconds(30), withTls(tlsUrl, tls));
        assertThat(pipeline.isConnected()).isTrue();

        // WHEN a device publishes over TLS
        try (var device = connect(tlsUrl, TlsContexts.create(tls).getSocketFactory())) {
            MqttMessage message = new MqttMessage(reading("flow", "12.5").getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            device.client.publish(prefix + "/well/" + SampleRegistry.WELL + "/json", message);
        }

        // THEN the reading is stored
        Db db = new Db(database.dataSource());
        assertThat(db.awaitCount(WAIT, n -> n >= 1, "SELECT count(*) FROM well_reading"))
                .isEqualTo(1);
        assertThat(db.strings("SELECT device_id || ' ' || parameter || ' ' || value FROM well_reading"))
                .containsExactly(SampleRegistry.WELL + " flow 12.5");
    }

    @Test
    void theAlertChannelPublishesOverTheServicesTlsSettingsWithItsOwnClient() throws Exception {
        // GIVEN the service's broker settings: ssl:// and the broker's CA; the alert channel without its own URL
        IngestProperties.Tls tls = new IngestProperties.Tls(
                null, null, "PKCS12", trustStore.toString(), PASSWORD, "PKCS12", IngestProperties.Tls.ClientAuth.NONE);
        var service = new IngestProperties.Mqtt(
                tlsUrl,
                "urad-ingest-tls",
                null,
                null,
                prefix,
                null,
                Duration.ofDays(7),
                10,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                tls);
        var alerts = new MqttNotifyProperties(
                true, null, null, null, null, prefix, Duration.ofSeconds(10), IngestProperties.Tls.none());
        var message = new AlertMessage(
                1,
                "opened",
                "DEVICE_SILENT",
                "—",
                "device",
                "W1",
                "W1",
                "",
                "warning",
                null,
                null,
                null,
                null,
                null,
                null,
                "t",
                "t",
                "m",
                "m");
        // THEN it publishes over TLS, trusting the broker's CA; without that trust store it could not
        try (var sender = MqttAlertSender.create(alerts, service)) {
            assertThat(sender.send(message, "zh")).isNull();
        }
        var untrusted = new IngestProperties.Mqtt(
                tlsUrl,
                "urad-ingest-tls",
                null,
                null,
                prefix,
                null,
                Duration.ofDays(7),
                10,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                IngestProperties.Tls.none());
        try (var sender = MqttAlertSender.create(alerts, untrusted)) {
            assertThat(sender.send(message, "zh")).isNotNull();
        }
    }

    @Test
    void refusesAClientWhoseTrustStoreDoesNotHoldTheBrokerCa() throws Exception {
        Path empty = trustStore(null, null);
        IngestProperties.Tls tls = new IngestProperties.Tls(
                null, null, "PKCS12", empty.toString(), PASSWORD, "PKCS12", IngestProperties.Tls.ClientAuth.NONE);

        assertThatThrownBy(() -> connect(tlsUrl, TlsContexts.create(tls).getSocketFactory()))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(causes(e)).hasAtLeastOneElementOfType(SSLException.class));
    }

    @Test
    void refusesAPlainTcpClientOnTheTlsPort() {
        assertThatThrownBy(() -> connect("tcp://127.0.0.1:" + broker.port(), null))
                .isInstanceOf(MqttException.class)
                .satisfies(e -> assertThat(causes(e)).doesNotHaveAnyElementsOfTypes(ConnectException.class));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = e; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private IngestProperties withTls(String url, IngestProperties.Tls tls) {
        IngestProperties p = Pipelines.properties(url, "ingest-" + UUID.randomUUID(), prefix);
        IngestProperties.Mqtt m = p.mqtt();
        return new IngestProperties(
                new IngestProperties.Mqtt(
                        m.url(),
                        m.clientId(),
                        m.username(),
                        m.password(),
                        m.topicPrefix(),
                        m.sharedGroup(),
                        m.sessionExpiry(),
                        m.receiveMaximum(),
                        m.keepAlive(),
                        m.reconnectMax(),
                        tls),
                p.buffer(),
                p.limits(),
                p.hj212(),
                p.manualValuesValid());
    }

    /** Starts the pipeline; its start retries forever, so a TLS failure would otherwise hang the test. */
    private IngestPipeline startWithin(Duration timeout, IngestProperties properties) throws Exception {
        CompletableFuture<IngestPipeline> started = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                started.complete(Pipelines.start(
                        properties, database.dataSource(), SampleRegistry.create(), new SimpleMeterRegistry()));
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        });
        starter.setDaemon(true);
        starter.start();
        return started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private record Device(MqttClient client) implements AutoCloseable {
        @Override
        public void close() throws MqttException {
            client.disconnect();
            client.close();
        }
    }

    private static Device connect(String url, SSLSocketFactory sockets) throws MqttException {
        MqttClient client = new MqttClient(url, "test-dev-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        if (sockets != null) {
            options.setSocketFactory(sockets);
        }
        try {
            client.connect(options);
        } catch (MqttException e) {
            client.close();
            throw e;
        }
        return new Device(client);
    }

    private static String reading(String param, String value) {
        String time = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        return "{\"readings\":[{\"param\":\"" + param + "\",\"value\":" + value + ",\"time\":\"" + time + "\"}]}";
    }

    private static Path mosquittoBinary() {
        String named = System.getenv("INGEST_TEST_MOSQUITTO");
        Path binary = Path.of(named == null || named.isBlank() ? "/usr/sbin/mosquitto" : named);
        assumeTrue(Files.isExecutable(binary), "mosquitto is not installed at " + binary);
        return binary;
    }

    private static boolean opensslRuns() {
        try {
            Process p = new ProcessBuilder("openssl", "version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A CA, and a server certificate for 127.0.0.1 and localhost signed by it; keys unencrypted, all PEM. */
    private void makeCertificates() throws Exception {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=envmon test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout",
                "ca.key",
                "-out",
                "ca.crt");
        openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "server.key",
                "-out",
                "server.csr");
        Files.writeString(
                dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        openssl(
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.crt",
                "-CAkey",
                "ca.key",
                "-set_serial",
                "2",
                "-days",
                "2",
                "-extfile",
                "server.ext",
                "-out",
                "server.crt");
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.out");
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("%s: %s", command, Files.readString(log)).isZero();
    }

    /** A PKCS12 trust store holding {@code certificate} under {@code alias}, or nothing when it is null. */
    private Path trustStore(String alias, Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        if (certificate != null) {
            try (InputStream in = Files.newInputStream(certificate)) {
                store.setCertificateEntry(
                        alias, CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        Path file = dir.resolve((alias == null ? "empty" : alias) + "-trust.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, PASSWORD.toCharArray());
        }
        return file;
    }
}
