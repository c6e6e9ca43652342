package org.urad.envmon.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TerminalTcpPropertiesTests {

    @Test
    void bindsEachProtocolUnderItsOwnPrefixWithDefaults() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("ingest.szy206.enabled", "true")
                .withProperty("ingest.szy206.port", "9206")
                .withProperty("ingest.szy206.idle-timeout", "2m")
                .withProperty("ingest.sl651.port", "9651")
                .withProperty("ingest.sl651.tls.client-auth", "need");

        TerminalTcpProperties szy206 = TerminalTcpProperties.bind(environment, "szy206");
        TerminalTcpProperties sl651 = TerminalTcpProperties.bind(environment, "sl651");

        assertThat(szy206.enabled()).isTrue();
        assertThat(szy206.port()).isEqualTo(9206);
        assertThat(szy206.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(szy206.tls().hasKeyStore()).isFalse();
        assertThat(sl651.enabled()).isFalse();
        assertThat(sl651.port()).isEqualTo(9651);
        assertThat(sl651.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(sl651.maxConnections()).isEqualTo(1000);
        assertThat(sl651.tls().clientAuth()).isEqualTo(IngestProperties.Tls.ClientAuth.NEED);
    }

    @Test
    void bindsTheMultiPacketBoundsWithDefaults() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("ingest.sl651.multi-packet.timeout", "45s")
                .withProperty("ingest.sl651.multi-packet.max-packets", "12");

        TerminalTcpProperties sl651 = TerminalTcpProperties.bind(environment, "sl651");
        TerminalTcpProperties szy206 = TerminalTcpProperties.bind(environment, "szy206");

        assertThat(sl651.multiPacket().limits())
                .isEqualTo(new org.urad.envmon.ingest.decode.sl651.Sl651Reassembly.Limits(
                        Duration.ofSeconds(45), 12, 4095));
        assertThat(szy206.multiPacket().timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(szy206.multiPacket().maxPackets()).isEqualTo(64);
    }
}
