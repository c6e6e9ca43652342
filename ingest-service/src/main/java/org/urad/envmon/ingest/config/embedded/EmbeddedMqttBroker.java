package org.urad.envmon.ingest.config.embedded;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An MQTT 5 broker (HiveMQ Community Edition, embedded) with file persistence, so persistent sessions and their
 * queued QoS 1 messages survive a restart of the broker and of the service.
 *
 * <p>Limits, written to {@code conf/config.xml} under the broker directory on every start:
 *
 * <ul>
 *   <li>{@code queued-messages/max-queue-size} {@value #MAX_QUEUED_MESSAGES}: messages HiveMQ keeps per client
 *       (and per shared-subscription group) beyond those in flight, for a subscriber that is offline or slower than
 *       the publishers. The default (1000) is a few seconds of the whole fleet; one million is about a day of about
 *       700 devices publishing once a minute. The queue lives in the file persistence, not on the heap.
 *   <li>{@code queued-messages/strategy} {@code discard}: past that limit new messages are dropped (the default);
 *       what was queued first is kept, so a backlog stays contiguous.
 *   <li>messages to a client in flight at once: the client's own MQTT 5 Receive Maximum (HiveMQ has no limit of its
 *       own); {@code receive-maximum/server-receive-maximum} {@value #RECEIVE_MAXIMUM} caps what one publisher may
 *       have unacknowledged towards the broker.
 *   <li>session and message expiry: HiveMQ's defaults (no broker cap); clients ask for what they need.
 *   <li>shared subscriptions on (the default), anonymous usage statistics off.
 * </ul>
 */
public final class EmbeddedMqttBroker implements AutoCloseable {

    static final long MAX_QUEUED_MESSAGES = 1_000_000;
    static final int RECEIVE_MAXIMUM = 1000;
    private static final long TIMEOUT_SECONDS = 120;

    private final Path dir;
    private final String bindAddress;
    private final int port;
    /** The running HiveMQ; null while stopped. A stopped HiveMQ is not started again: its metrics would clash. */
    private EmbeddedHiveMQ hivemq;

    private EmbeddedMqttBroker(Path dir, String bindAddress, int port) throws IOException {
        this.dir = dir;
        this.bindAddress = bindAddress;
        this.port = port;
        Files.createDirectories(dir.resolve("conf"));
        Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("extensions"));
        Files.writeString(dir.resolve("conf/config.xml"), configXml(), StandardCharsets.UTF_8);
    }

    private EmbeddedHiveMQ build() {
        return EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(dir.resolve("data"))
                .withExtensionsFolder(dir.resolve("extensions"))
                // Leave logging to the application: HiveMQ's bootstrap would rewire the root logger.
                .withoutLoggingBootstrap()
                .build();
    }

    /**
     * Starts a broker keeping its state under {@code dir}, listening on {@code bindAddress} at {@code preferredPort}
     * if free (0 or taken: any free port).
     */
    public static EmbeddedMqttBroker start(Path dir, String bindAddress, int preferredPort) throws IOException {
        EmbeddedMqttBroker broker = new EmbeddedMqttBroker(
                dir.toAbsolutePath().normalize(), bindAddress, Ports.preferredOrFree(preferredPort));
        broker.start();
        return broker;
    }

    /** Starts the broker again on the same port and directory (after {@link #stop()}). */
    public synchronized void start() {
        if (hivemq == null) {
            EmbeddedHiveMQ starting = build();
            try {
                await(starting.start(), "start");
            } catch (RuntimeException e) {
                closeQuietly(starting);
                throw e;
            }
            hivemq = starting;
        }
    }

    /** Stops the broker; sessions and queued messages stay in the directory. */
    public synchronized void stop() {
        if (hivemq != null) {
            EmbeddedHiveMQ stopping = hivemq;
            hivemq = null;
            try {
                stopping.close();
            } catch (ExecutionException e) {
                throw new IllegalStateException("MQTT broker did not stop cleanly", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The URL clients connect to. */
    public String url() {
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
        return "tcp://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(EmbeddedHiveMQ failed) {
        try {
            failed.close();
        } catch (ExecutionException | RuntimeException e) {
            // it did not start; nothing more to release
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CompletableFuture<Void> future, String what) {
        try {
            future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("MQTT broker did not " + what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("MQTT broker did not " + what + " within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the MQTT broker was to " + what, e);
        }
    }

    private String configXml() {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <shared-subscriptions>
                            <enabled>true</enabled>
                        </shared-subscriptions>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                    </mqtt>
                    <persistence>
                        <mode>file</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, bindAddress, MAX_QUEUED_MESSAGES, RECEIVE_MAXIMUM);
    }
}
