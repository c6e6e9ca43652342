package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * @param idleTimeout a logger silent this long is disconnected
 * @param maxConnections loggers connected at once; more are refused
 * @param maxBadFrames consecutive unusable frames before a logger is disconnected
 * @param packetTimeout how long the packets of a split message may take to all arrive
 * @param maxConnectionsPerAddress loggers connected at once from one remote address; more are refused
 * @param tls when not null, the listener accepts TLS connections only, with this context's certificate
 * @param clientAuth whether loggers must (or may) present a certificate the context's trust store accepts
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
        ClientAuth clientAuth) {

    public enum ClientAuth {
        NONE,
        WANT,
        NEED
    }

    /** Plain TCP, no per-address limit beyond the total. */
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
                ClientAuth.NONE);
    }

    @Override
    public String toString() {
        return "Hj212TcpSettings[host=%s, port=%d, maxConnections=%d, maxConnectionsPerAddress=%d, tls=%s]"
                .formatted(host, port, maxConnections, maxConnectionsPerAddress, tls != null);
    }
}
