package org.urad.envmon.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.TerminalClaim;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Gate;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Terminal;
import org.urad.envmon.ingest.registry.Well;

class SenderCheckTests {

    private final Registry registry = new RegistrySnapshot(
            List.of(device("W1", Family.WELL, true), device("W2", Family.WELL, true), device("G1", Family.GATE, false)),
            List.of(),
            List.of(
                    new Well(
                            "W1",
                            "V1",
                            "Z1",
                            0,
                            "none",
                            false,
                            null,
                            false,
                            true,
                            null,
                            new Terminal("szy206", "0012345678")),
                    new Well("W2", "V1", "Z1", 0, "none", false, null, false, true, null)),
            List.of(),
            List.of(),
            List.of(new Gate("G1", "支渠", "mass_managed", true, new Terminal("sl651", "0012345678"))));

    private static Device device(String id, Family family, boolean active) {
        return new Device(id, family, id, Duration.ofHours(1), null, null, active);
    }

    private static DecodedMessage claiming(String protocol, String address) {
        return new DecodedMessage(
                null, false, null, null, List.of(), List.of(), false, null, new TerminalClaim(protocol, address));
    }

    @Test
    void passesAFrameFromTheTopicDevicesOwnTerminal() {
        SenderCheck check =
                SenderCheck.check(new Topic(Family.WELL, "W1", "szy206"), claiming("szy206", "0012345678"), registry);

        assertThat(check.passed()).isTrue();
        assertThat(check.device().id()).isEqualTo("W1");
    }

    @Test
    void quarantinesAnUnregisteredAddressAsUnknownDeviceNamingTheAddress() {
        SenderCheck check =
                SenderCheck.check(new Topic(Family.WELL, "W1", "szy206"), claiming("szy206", "00FFFFFF01"), registry);

        assertThat(check.rejection().reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE);
        assertThat(check.rejection().detail()).contains("'00FFFFFF01'").contains("szy206");
    }

    @Test
    void theSameAddressUnderTheOtherProtocolIsAnotherTerminal() {
        SenderCheck check =
                SenderCheck.check(new Topic(Family.WELL, "W1", "sl651"), claiming("sl651", "0012345678"), registry);

        assertThat(check.rejection().reason()).isEqualTo(RejectReason.DEVICE_MISMATCH);
        assertThat(check.rejection().detail()).startsWith("spoofed:").contains("W1");
    }

    @Test
    void refusesAnAddressOfAnotherDeviceOnATopic() {
        SenderCheck check =
                SenderCheck.check(new Topic(Family.WELL, "W2", "szy206"), claiming("szy206", "0012345678"), registry);

        assertThat(check.rejection().reason()).isEqualTo(RejectReason.DEVICE_MISMATCH);
    }

    @Test
    void findsTheDeviceOfATcpTerminalByAddressAndCleansTheQuotedAddress() {
        assertThat(SenderCheck.terminal(new TerminalClaim("szy206", "0012345678"), registry)
                        .device()
                        .id())
                .isEqualTo("W1");
        assertThat(SenderCheck.terminal(new TerminalClaim("sl651", "0012345678"), registry)
                        .rejection()
                        .detail())
                .contains("not registered to an active device");
        SenderCheck unknown = SenderCheck.terminal(new TerminalClaim("szy206", "00\u0000\n45678"), registry);
        assertThat(unknown.rejection().reason()).isEqualTo(RejectReason.UNKNOWN_DEVICE);
        assertThat(unknown.rejection().detail()).doesNotContain("\u0000").doesNotContain("\n");
    }
}
