package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.urad.envmon.ingest.decode.hj212.Hj212PacketAssembler;

/**
 * @param idleTimeout a logger silent this long is disconnected
 * @param maxConnections loggers connected at once; more are refused
 * @param maxBadFrames consecutive unusable (or unauthenticated) frames before a logger is disconnected
 * @param packetTimeout how long the packets of a split message may take to all arrive
 * @param maxConnectionsPerAddress loggers connected at once from one remote address; more are refused
 * @param tls when not null, the listener accepts TLS connections only, with this context's certificate
 * @param clientAuth whether loggers must (or may) present a certificate the context's trust store accepts
 * @param replyQueue replies waiting to be written to one logger; a logger whose queue is full is disconnected
 * @param writeTimeout longest one reply write may take; a logger that stalls it is disconnected
 * @param maxPendingBytes bytes of split-message packets one connection may hold while their message is
 *     incomplete; beyond it the message is quarantined with the packets received
 */
public record Hj212TcpSettings(
        String host,
        int port,
        Duration idleTimeout,
        int maxConnections,
        int maxBadFrames,
        Duration packetTimeout,
        int maxConnectionsPerAddress,
        SSLContext tls,
        ClientAuth clientAuth,
        int replyQueue,
        Duration writeTimeout,
        int maxPendingBytes) {

    public static final int DEFAULT_REPLY_QUEUE = 1000;
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_PENDING_BYTES = Hj212PacketAssembler.DEFAULT_MAX_PENDING_BYTES;

    public enum ClientAuth {
        NONE,
        WANT,
        NEED
    }

    /** Plain TCP, no per-address limit beyond the total, default reply and reassembly limits. */
    public Hj212TcpSettings(
            String host, int port, Duration idleTimeout, int maxConnections, int maxBadFrames, Duration packetTimeout) {
        this(
                host,
                port,
                idleTimeout,
                maxConnections,
                maxBadFrames,
                packetTimeout,
                maxConnections,
                null,
                ClientAuth.NONE,
                DEFAULT_REPLY_QUEUE,
                DEFAULT_WRITE_TIMEOUT,
                DEFAULT_MAX_PENDING_BYTES);
    }

    @Override
    public String toString() {
        return "Hj212TcpSettings[host=%s, port=%d, maxConnections=%d, maxConnectionsPerAddress=%d, tls=%s]"
                .formatted(host, port, maxConnections, maxConnectionsPerAddress, tls != null);
    }
}
