package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;

/**
 * @param idleTimeout a logger silent this long is disconnected
 * @param maxConnections loggers connected at once; more are refused
 * @param maxBadFrames consecutive unusable frames before a logger is disconnected
 * @param packetTimeout how long the packets of a split message may take to all arrive
 */
public record Hj212TcpSettings(
        String host, int port, Duration idleTimeout, int maxConnections, int maxBadFrames, Duration packetTimeout) {}
