package org.urad.envmon.ingest.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Everything under {@code ingest.*} that the ingestion path reads. Documented in the README. */
@ConfigurationProperties("ingest")
@Validated
public record IngestProperties(
        @Valid @DefaultValue Mqtt mqtt,
        @Valid @DefaultValue Buffer buffer,
        @Valid @DefaultValue Limits limits,
        @Valid @DefaultValue Hj212 hj212,
        @DefaultValue("false") boolean manualValuesValid) {

    /**
     * @param url broker URL ({@code tcp://host:1883}, {@code ssl://host:8883}); unset: the embedded broker
     * @param clientId unique per instance; the session (and its queued messages) belongs to it
     * @param sharedGroup MQTT 5 shared-subscription group, so several instances split the load
     */
    public record Mqtt(
            String url,
            String clientId,
            String username,
            String password,
            @DefaultValue("urad/v1") @NotBlank String topicPrefix,
            String sharedGroup,
            @DefaultValue("7d") Duration sessionExpiry,
            @DefaultValue("10000") @Min(1) @Max(65535) int receiveMaximum,
            @DefaultValue("30s") Duration keepAlive,
            @DefaultValue("30s") Duration reconnectMax,
            @Valid @DefaultValue Tls tls) {

        public String clientIdOrDefault() {
            if (clientId != null && !clientId.isBlank()) {
                return clientId;
            }
            try {
                return "urad-ingest-" + InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                return "urad-ingest";
            }
        }

        @Override
        public String toString() {
            return "Mqtt[url=%s, clientId=%s, username=%s, password=%s, topicPrefix=%s, sharedGroup=%s, tls=%s]"
                    .formatted(
                            url, clientId, username, password == null ? "none" : "****", topicPrefix, sharedGroup, tls);
        }
    }

    /**
     * @param capacity messages the buffer holds before intake pauses
     * @param maxBatch most messages per transaction
     * @param maxWait longest a batch waits to fill after its first message
     * @param deadLetterDirectory where a message goes that even the quarantine table refuses
     */
    public record Buffer(
            @DefaultValue("20000") @Min(1) int capacity,
            @DefaultValue("5000") @Min(1) int maxBatch,
            @DefaultValue("10ms") Duration maxWait,
            @DefaultValue("200ms") Duration retryMin,
            @DefaultValue("5s") Duration retryMax,
            @DefaultValue("20s") Duration shutdownGrace,
            @DefaultValue("dead-letter") Path deadLetterDirectory) {}

    /**
     * The HJ 212 TCP listener for data loggers that connect directly.
     *
     * @param maxBadFrames consecutive unusable (or unauthenticated) frames before a logger is disconnected
     * @param tls when {@code tls.key-store} is set, the listener speaks TLS only
     * @param replyQueue replies waiting to be written to one logger; a logger whose queue is full is disconnected
     * @param writeTimeout longest one reply write may take; a logger that does not read is disconnected after it
     * @param maxPendingBytes bytes of split-message packets one connection may hold; beyond it the message is
     *     quarantined as {@code too_many_pending_packets}
     * @param clockSkewMax a logger whose clock (the QN of its frames) is further off than this is set (CN 1012)
     */
    public record Hj212(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("0.0.0.0") String host,
            @DefaultValue("9212") @Min(0) @Max(65535) int port,
            @DefaultValue("10m") Duration idleTimeout,
            @DefaultValue("1000") @Min(1) int maxConnections,
            @DefaultValue("10") @Min(1) int maxBadFrames,
            @DefaultValue("60s") Duration packetTimeout,
            @Valid @DefaultValue Tls tls,
            @DefaultValue("1000") @Min(1) int replyQueue,
            @DefaultValue("30s") Duration writeTimeout,
            @DefaultValue("65536") @Min(1024) int maxPendingBytes,
            @DefaultValue("60s") Duration clockSkewMax) {}

    /**
     * Key and trust material for a TLS endpoint, as key-store files (PKCS12 or JKS). For the MQTT client the
     * trust store holds the broker's CA (unset: the JVM's default CAs) and the key store, optional, a client
     * certificate; for the HJ 212 listener the key store holds the server certificate and the trust store the
     * CAs of logger certificates when {@code clientAuth} asks for them. Passwords never appear in
     * {@link #toString()}; give them through the environment or secret files.
     *
     * @param clientAuth listener only: {@code none}, {@code want} or {@code need} a client certificate
     */
    public record Tls(
            String keyStore,
            String keyStorePassword,
            @DefaultValue("PKCS12") String keyStoreType,
            String trustStore,
            String trustStorePassword,
            @DefaultValue("PKCS12") String trustStoreType,
            @DefaultValue("none") ClientAuth clientAuth) {

        public enum ClientAuth {
            NONE,
            WANT,
            NEED
        }

        public static Tls none() {
            return new Tls(null, null, "PKCS12", null, null, "PKCS12", ClientAuth.NONE);
        }

        public boolean hasKeyStore() {
            return keyStore != null && !keyStore.isBlank();
        }

        public boolean hasTrustStore() {
            return trustStore != null && !trustStore.isBlank();
        }

        @Override
        public String toString() {
            return "Tls[keyStore=%s, keyStorePassword=%s, trustStore=%s, trustStorePassword=%s, clientAuth=%s]"
                    .formatted(
                            keyStore,
                            keyStorePassword == null ? "none" : "****",
                            trustStore,
                            trustStorePassword == null ? "none" : "****",
                            clientAuth);
        }
    }

    /**
     * @param maxFutureSkew how far ahead of our clock a reading's time may be
     * @param maxAge how old a reading may be and still be accepted (late data)
     * @param deviceMessagesPerMinute sustained messages one device may send; beyond it (and its burst) messages
     *     are quarantined as {@code rate_limited}; 0 turns the limit off
     * @param deviceBurst messages a device may send at once after a quiet spell (a backlog after an outage)
     * @param tcpConnectionsPerAddress HJ 212 connections open at once from one remote address
     */
    public record Limits(
            @DefaultValue("65536") @Min(64) int maxPayloadBytes,
            @DefaultValue("1000") @Min(1) int maxReadingsPerMessage,
            @DefaultValue("10m") Duration maxFutureSkew,
            @DefaultValue("400d") Duration maxAge,
            @DefaultValue("600") @Min(0) int deviceMessagesPerMinute,
            @DefaultValue("20000") @Min(1) int deviceBurst,
            @DefaultValue("16") @Min(1) int tcpConnectionsPerAddress) {}
}
