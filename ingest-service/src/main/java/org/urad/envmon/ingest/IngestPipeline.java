package org.urad.envmon.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.config.TlsContexts;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.inbound.InboundLimits;
import org.urad.envmon.ingest.inbound.MessageProcessor;
import org.urad.envmon.ingest.inbound.MqttInbound;
import org.urad.envmon.ingest.inbound.MqttSettings;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.normalise.NormaliseSettings;
import org.urad.envmon.ingest.normalise.Normaliser;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.store.BatchWriter;
import org.urad.envmon.ingest.store.CommittedBatches;
import org.urad.envmon.ingest.store.FlushSettings;
import org.urad.envmon.ingest.store.Flusher;
import org.urad.envmon.ingest.store.IngestBuffer;

/**
 * The assembled ingestion path and its three threads: the MQTT callback (decode, normalise), the
 * flusher (write, commit, acknowledge) and, downstream, whatever consumes committed batches.
 * Starting connects to the broker; stopping pauses intake, commits and acknowledges what is
 * buffered, then disconnects, so that nothing acknowledged is lost.
 */
public final class IngestPipeline {

    private final IngestBuffer buffer;
    private final Flusher flusher;
    private final Thread flusherThread;
    private final MessageProcessor processor;
    private final MqttInbound mqtt;
    private final Clock clock;

    public IngestPipeline(
            IngestProperties properties,
            DataSource dataSource,
            Supplier<Registry> registry,
            List<PayloadDecoder> decoders,
            IngestMetrics metrics,
            CommittedBatches committed,
            Clock clock)
            throws MqttException {
        this.clock = clock;
        var b = properties.buffer();
        this.buffer = new IngestBuffer(b.capacity(), metrics::stage);
        metrics.bufferDepth(buffer::depth);
        this.flusher = new Flusher(
                buffer,
                new BatchWriter(dataSource, metrics::stage),
                new FlushSettings(
                        b.maxBatch(),
                        b.maxWait(),
                        b.retryMin(),
                        b.retryMax(),
                        b.shutdownGrace(),
                        b.deadLetterDirectory()),
                metrics,
                committed,
                clock);
        this.flusherThread = new Thread(flusher, "ingest-flusher");
        metrics.flusherStall(() -> commitStall().toMillis() / 1000.0);
        metrics.bufferFull(() -> buffer.fullFor().toMillis() / 1000.0);
        var limits = properties.limits();
        TopicParser topics = new TopicParser(properties.mqtt().topicPrefix());
        this.processor = new MessageProcessor(
                topics,
                decoders,
                new Normaliser(
                        new NormaliseSettings(limits.maxFutureSkew(), limits.maxAge(), properties.manualValuesValid())),
                registry,
                buffer,
                metrics,
                new InboundLimits(
                        limits.maxPayloadBytes(),
                        limits.maxReadingsPerMessage(),
                        limits.deviceMessagesPerMinute(),
                        limits.deviceBurst()),
                clock);
        var m = properties.mqtt();
        if (m.url() == null || m.url().isBlank()) {
            throw new IllegalStateException("ingest.mqtt.url is not set and no embedded broker was started");
        }
        this.mqtt = new MqttInbound(
                new MqttSettings(
                        m.url(),
                        m.clientIdOrDefault(),
                        m.username(),
                        m.password(),
                        m.sharedGroup(),
                        m.sessionExpiry(),
                        m.receiveMaximum(),
                        m.keepAlive(),
                        m.reconnectMax(),
                        socketFactory(m)),
                topics.filter(),
                processor,
                metrics,
                clock);
    }

    /** TLS material for {@code ssl://} brokers, when a key or trust store is configured. */
    private static SSLSocketFactory socketFactory(IngestProperties.Mqtt m) {
        IngestProperties.Tls tls = m.tls();
        if (tls == null || !(tls.hasKeyStore() || tls.hasTrustStore())) {
            return null;
        }
        return TlsContexts.create(tls).getSocketFactory();
    }

    public void start() throws InterruptedException {
        flusherThread.start();
        mqtt.start();
    }

    /** Graceful stop: nothing new is taken, everything taken is committed and acknowledged. */
    public void stop() throws InterruptedException {
        mqtt.pause();
        flusher.stop();
        flusherThread.join();
        mqtt.close();
    }

    /** Stops abruptly, as a crash would: nothing buffered is written or acknowledged. */
    public void kill() {
        mqtt.pause();
        flusherThread.interrupt();
        mqtt.close();
    }

    /** The path of one message, for transports other than MQTT (the HJ 212 TCP listener). */
    public MessageProcessor processor() {
        return processor;
    }

    public boolean isConnected() {
        return mqtt.isConnected();
    }

    public int bufferDepth() {
        return buffer.depth();
    }

    /** How long the flusher has held a batch it has not committed; zero when it holds none. */
    public Duration commitStall() {
        Instant since = flusher.holdingSince();
        return since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    }

    /** How long the buffer has been full, intake paused; zero when it has room. */
    public Duration bufferFullFor() {
        return buffer.fullFor();
    }
}
