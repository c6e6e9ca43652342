package org.urad.envmon.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.urad.envmon.ingest.config.HealthProperties;
import org.urad.envmon.ingest.config.Hj212RecoveryProperties;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.config.TerminalTcpProperties;
import org.urad.envmon.ingest.config.TlsContexts;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.decode.json.JsonPayloadDecoder;
import org.urad.envmon.ingest.decode.sl651.Sl651Decoder;
import org.urad.envmon.ingest.decode.sl651.Sl651Reassembly;
import org.urad.envmon.ingest.decode.szy206.Szy206Decoder;
import org.urad.envmon.ingest.inbound.tcp.HistoryRecovery;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpListener;
import org.urad.envmon.ingest.inbound.tcp.Hj212TcpSettings;
import org.urad.envmon.ingest.inbound.tcp.RecoverySettings;
import org.urad.envmon.ingest.inbound.tcp.TerminalProtocol;
import org.urad.envmon.ingest.metrics.IngestMetrics;
import org.urad.envmon.ingest.metrics.RecoveryMetrics;
import org.urad.envmon.ingest.normalise.TopicParser;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.RegistryService;
import org.urad.envmon.ingest.store.CommittedBatches;
import org.urad.envmon.ingest.store.JdbcCommandLog;
import org.urad.envmon.ingest.store.StoredTimes;

/** Wires the ingestion path from configuration; see {@link IngestPipeline}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngestProperties.class, HealthProperties.class, Hj212RecoveryProperties.class})
class IngestConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    IngestMetrics ingestMetrics(MeterRegistry registry) {
        return new IngestMetrics(registry);
    }

    @Bean
    JsonPayloadDecoder jsonPayloadDecoder() {
        return new JsonPayloadDecoder();
    }

    @Bean
    Szy206Decoder szy206Decoder(Clock clock) {
        return new Szy206Decoder(clock);
    }

    @Bean
    Sl651Decoder sl651Decoder() {
        return new Sl651Decoder();
    }

    @Bean
    Supplier<Registry> registrySupplier(RegistryService registry) {
        return registry::current;
    }

    @Bean
    IngestPipeline ingestPipeline(
            IngestProperties properties,
            DataSource dataSource,
            Supplier<Registry> registry,
            List<PayloadDecoder> decoders,
            IngestMetrics metrics,
            ObjectProvider<CommittedBatches> committed,
            Clock clock)
            throws MqttException {
        List<CommittedBatches> consumers = committed.orderedStream().toList();
        return new IngestPipeline(
                properties, dataSource, registry, decoders, metrics, CommittedBatches.all(consumers), clock);
    }

    @Bean
    SmartLifecycle ingestLifecycle(IngestPipeline pipeline) {
        return new PhasedLifecycle("the ingestion pipeline", Integer.MAX_VALUE - 1000, pipeline::start, pipeline::stop);
    }

    @Bean
    @ConditionalOnProperty(name = "ingest.hj212.enabled", havingValue = "true")
    Hj212TcpListener hj212TcpListener(
            IngestProperties properties,
            IngestPipeline pipeline,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics,
            DataSource dataSource,
            Hj212RecoveryProperties recovery,
            MeterRegistry meters) {
        var tcp = properties.hj212();
        IngestProperties.Tls tls = tcp.tls() == null ? IngestProperties.Tls.none() : tcp.tls();
        return new Hj212TcpListener(
                new Hj212TcpSettings(
                        tcp.host(),
                        tcp.port(),
                        tcp.idleTimeout(),
                        tcp.maxConnections(),
                        tcp.maxBadFrames(),
                        tcp.packetTimeout(),
                        properties.limits().tcpConnectionsPerAddress(),
                        tls.hasKeyStore() ? TlsContexts.create(tls) : null,
                        Hj212TcpSettings.ClientAuth.valueOf(tls.clientAuth().name()),
                        tcp.replyQueue(),
                        tcp.writeTimeout(),
                        tcp.maxPendingBytes()),
                pipeline.processor(),
                new TopicParser(properties.mqtt().topicPrefix()),
                registry,
                clock,
                metrics,
                tcp.clockSkewMax(),
                new JdbcCommandLog(dataSource),
                recovery.enabled()
                        ? new HistoryRecovery(
                                new RecoverySettings(
                                        recovery.horizon(),
                                        recovery.maxSpan(),
                                        recovery.maxInFlight(),
                                        recovery.maxAttempts(),
                                        recovery.backoff(),
                                        recovery.answerTimeout(),
                                        recovery.scanInterval()),
                                new StoredTimes(dataSource),
                                new JdbcCommandLog(dataSource),
                                new RecoveryMetrics(meters),
                                registry,
                                clock)
                        : null,
                recovery.answerTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "ingest.hj212.enabled", havingValue = "true")
    SmartLifecycle hj212Lifecycle(@Qualifier("hj212TcpListener") Hj212TcpListener listener) {
        return new PhasedLifecycle("the HJ 212 listener", Integer.MAX_VALUE - 500, listener::start, listener::stop);
    }

    @Bean
    @ConditionalOnProperty(name = "ingest.szy206.enabled", havingValue = "true")
    Hj212TcpListener szy206TcpListener(
            Environment environment,
            IngestProperties properties,
            IngestPipeline pipeline,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics) {
        return terminalListener(TerminalProtocol.SZY206, environment, properties, pipeline, registry, clock, metrics);
    }

    @Bean
    @ConditionalOnProperty(name = "ingest.szy206.enabled", havingValue = "true")
    SmartLifecycle szy206Lifecycle(@Qualifier("szy206TcpListener") Hj212TcpListener listener) {
        return terminalLifecycle(listener);
    }

    @Bean
    @ConditionalOnProperty(name = "ingest.sl651.enabled", havingValue = "true")
    Hj212TcpListener sl651TcpListener(
            Environment environment,
            IngestProperties properties,
            IngestPipeline pipeline,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics) {
        return terminalListener(TerminalProtocol.SL651, environment, properties, pipeline, registry, clock, metrics);
    }

    @Bean
    @ConditionalOnProperty(name = "ingest.sl651.enabled", havingValue = "true")
    SmartLifecycle sl651Lifecycle(@Qualifier("sl651TcpListener") Hj212TcpListener listener) {
        return terminalLifecycle(listener);
    }

    private static SmartLifecycle terminalLifecycle(Hj212TcpListener listener) {
        return new PhasedLifecycle(
                "the " + listener.protocol() + " listener", Integer.MAX_VALUE - 500, listener::start, listener::stop);
    }

    private static Hj212TcpListener terminalListener(
            TerminalProtocol protocol,
            Environment environment,
            IngestProperties properties,
            IngestPipeline pipeline,
            Supplier<Registry> registry,
            Clock clock,
            IngestMetrics metrics) {
        TerminalTcpProperties tcp = TerminalTcpProperties.bind(environment, protocol.format());
        IngestProperties.Tls tls = tcp.tls() == null ? IngestProperties.Tls.none() : tcp.tls();
        return Hj212TcpListener.forTerminals(
                protocol,
                new Hj212TcpSettings(
                        tcp.host(),
                        tcp.port(),
                        tcp.idleTimeout(),
                        tcp.maxConnections(),
                        tcp.maxBadFrames(),
                        Duration.ofSeconds(60),
                        properties.limits().tcpConnectionsPerAddress(),
                        tls.hasKeyStore() ? TlsContexts.create(tls) : null,
                        Hj212TcpSettings.ClientAuth.valueOf(tls.clientAuth().name()),
                        tcp.replyQueue(),
                        tcp.writeTimeout(),
                        Hj212TcpSettings.DEFAULT_MAX_PENDING_BYTES),
                pipeline.processor(),
                new TopicParser(properties.mqtt().topicPrefix()),
                registry,
                clock,
                metrics,
                tcp.multiPacket() == null
                        ? Sl651Reassembly.Limits.DEFAULTS
                        : tcp.multiPacket().limits());
    }
}
