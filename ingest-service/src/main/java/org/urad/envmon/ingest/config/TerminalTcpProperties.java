package org.urad.envmon.ingest.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.Environment;
import org.urad.envmon.ingest.decode.sl651.Sl651Reassembly;

/**
 * The TCP listener of one terminal protocol, {@code ingest.szy206.*} or {@code ingest.sl651.*}: the same
 * settings as {@code ingest.hj212.*} less HJ 212's split-message limits. Off unless enabled.
 *
 * @param port the port to listen on; the defaults ({@code application.yml}) are 9206 and 9651
 * @param multiPacket the bounds of SL 651 multi-packet messages (mode M3); SZY 206 ignores them
 */
public record TerminalTcpProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("0.0.0.0") String host,
        @DefaultValue("0") @Min(0) @Max(65535) int port,
        @DefaultValue("10m") Duration idleTimeout,
        @DefaultValue("1000") @Min(1) int maxConnections,
        @DefaultValue("10") @Min(1) int maxBadFrames,
        @DefaultValue IngestProperties.Tls tls,
        @DefaultValue("1000") @Min(1) int replyQueue,
        @DefaultValue("30s") Duration writeTimeout,
        @DefaultValue MultiPacket multiPacket) {

    /**
     * {@code ingest.sl651.multi-packet.*}.
     *
     * @param timeout how long after its first packet a message may take to be complete
     * @param maxPackets the most packets one message may announce
     * @param maxBytes the most bytes of message the packets may carry together (at most 4095: one frame's body)
     */
    public record MultiPacket(
            @DefaultValue("2m") Duration timeout,
            @DefaultValue("64") @Min(1) @Max(4095) int maxPackets,
            @DefaultValue("4095") @Min(1) @Max(4095) int maxBytes) {

        public Sl651Reassembly.Limits limits() {
            return new Sl651Reassembly.Limits(timeout, maxPackets, maxBytes);
        }
    }

    /** The settings under {@code ingest.<protocol>}. */
    public static TerminalTcpProperties bind(Environment environment, String protocol) {
        return Binder.get(environment).bindOrCreate("ingest." + protocol, TerminalTcpProperties.class);
    }
}
