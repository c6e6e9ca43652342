package org.urad.envmon.ingest.decode.sl651;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/** Multi-packet messages (SL 651 mode M3): the packet codec, the golden packets, and their reassembly. */
class Sl651ReassemblyTests {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Sl651Reassembly.Limits LIMITS = new Sl651Reassembly.Limits(Duration.ofMinutes(1), 8, 4095);

    private final byte[] whole = Sl651Golden.bytes("timed-report-32.hex");
    private final List<byte[]> packets = Sl651Golden.lines("timed-report-32-3-packets.hex");

    @Test
    void theGoldenPacketsAreWhatTheEncoderBuildsAndCarryTheirCounter() throws DecodeException {
        List<byte[]> built = Sl651Reports.packets(Sl651Codec.decode(whole), 3);
        assertThat(built).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(built.get(i)).isEqualTo(packets.get(i));
            Sl651Packet p = Sl651Codec.decodePacket(packets.get(i));
            assertThat(p.total()).isEqualTo(3);
            assertThat(p.seq()).isEqualTo(i + 1);
            assertThat(p.frame().station()).isEqualTo("0011223344");
            assertThat(p.frame().function()).isEqualTo(0x32);
            assertThat(p.frame().end()).isEqualTo(i == 2 ? Sl651Frame.ETX : Sl651Frame.ETB);
            assertThat(Sl651Codec.encodePacket(p)).isEqualTo(packets.get(i));
        }
    }

    @Test
    void aPacketIsRefusedByTheSingleFrameDecoderAndAFrameByThePacketDecoder() {
        assertThatThrownBy(() -> Sl651Codec.decode(packets.get(0)))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_FUNCTION));
        assertThatThrownBy(() -> Sl651Codec.decodePacket(whole)).isInstanceOf(DecodeException.class);
    }

    @Test
    void everyBitFlipOfAPacketIsRefused() {
        byte[] packet = packets.get(1);
        for (int i = 0; i < packet.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = packet.clone();
                flipped[i] ^= (byte) (1 << bit);
                assertThatThrownBy(() -> Sl651Codec.decodePacket(flipped))
                        .as("byte %d bit %d", i, bit)
                        .isInstanceOf(DecodeException.class);
            }
        }
    }

    @Test
    void aPacketCounterOutOfRangeIsRefused() {
        byte[] packet = packets.get(0).clone();
        packet[14] = 0x00; // counter 002004H: serial 4 of 2
        packet[15] = 0x20;
        packet[16] = 0x04;
        byte[] resealed = reseal(packet);
        assertThatThrownBy(() -> Sl651Codec.decodePacket(resealed))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void theGoldenPacketConfirmationIsWhatThePacketGets() throws DecodeException {
        byte[] ack = Sl651Replies.packetConfirm(Sl651Codec.decodePacket(packets.get(0)));
        assertThat(ack).isEqualTo(Sl651Golden.bytes("timed-report-32-packet-1-ack.hex"));
        Sl651Packet decoded = Sl651Codec.decodePacket(ack);
        assertThat(decoded.frame().up()).isFalse();
        assertThat(decoded.frame().end()).isEqualTo(Sl651Frame.ACK);
        assertThat(decoded.seq()).isEqualTo(1);
        assertThat(decoded.frame().body()).isEmpty();
    }

    @Test
    void packetsInOrderMakeTheWholeFrameAgain() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(LIMITS);
        assertThat(r.add(packet(0), packets.get(0), T0)).isInstanceOf(Sl651Reassembly.Held.class);
        assertThat(r.add(packet(1), packets.get(1), T0)).isInstanceOf(Sl651Reassembly.Held.class);
        Sl651Reassembly.Outcome last = r.add(packet(2), packets.get(2), T0);
        assertThat(last)
                .isInstanceOfSatisfying(
                        Sl651Reassembly.Complete.class,
                        c -> assertThat(c.frame()).isEqualTo(whole));
        assertThat(r.expire(T0.plus(Duration.ofHours(1)))).isEmpty();
    }

    @Test
    void packetsOutOfOrderMakeTheWholeFrameAgain() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(LIMITS);
        r.add(packet(2), packets.get(2), T0);
        r.add(packet(0), packets.get(0), T0);
        assertThat(r.add(packet(1), packets.get(1), T0))
                .isInstanceOfSatisfying(
                        Sl651Reassembly.Complete.class,
                        c -> assertThat(c.frame()).isEqualTo(whole));
    }

    @Test
    void aDuplicatePacketIsConfirmedAgainAndKeptOnce() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(LIMITS);
        Sl651Reassembly.Held first = (Sl651Reassembly.Held) r.add(packet(0), packets.get(0), T0);
        Sl651Reassembly.Outcome again = r.add(packet(0), packets.get(0), T0);
        assertThat(again).isInstanceOfSatisfying(Sl651Reassembly.Held.class, h -> {
            assertThat(h.duplicate()).isTrue();
            assertThat(h.reply()).isEqualTo(first.reply());
        });
        r.add(packet(1), packets.get(1), T0);
        assertThat(r.add(packet(2), packets.get(2), T0))
                .isInstanceOfSatisfying(
                        Sl651Reassembly.Complete.class,
                        c -> assertThat(c.frame()).isEqualTo(whole));
    }

    @Test
    void aMissingPacketGivesTheMessageUpAfterTheTimeoutWithWhatArrived() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(LIMITS);
        r.add(packet(0), packets.get(0), T0);
        r.add(packet(2), packets.get(2), T0.plusSeconds(10));
        assertThat(r.expire(T0.plusSeconds(59))).isEmpty();

        List<Sl651Reassembly.GivenUp> givenUp = r.expire(T0.plusSeconds(60));

        assertThat(givenUp).singleElement().satisfies(g -> {
            assertThat(g.station()).isEqualTo("0011223344");
            assertThat(g.rejection().reason()).isEqualTo(RejectReason.INCOMPLETE_PACKETS);
            assertThat(g.rejection().detail()).contains("2 of 3 packets", "missing [2]");
            assertThat(g.bytes()).isEqualTo(concat(packets.get(0), packets.get(2)));
        });
        assertThat(r.expire(T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void aClosingConnectionGivesUpWhatIsOpen() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(LIMITS);
        r.add(packet(1), packets.get(1), T0);
        assertThat(r.abandon()).singleElement().satisfies(g -> {
            assertThat(g.rejection().reason()).isEqualTo(RejectReason.INCOMPLETE_PACKETS);
            assertThat(g.bytes()).isEqualTo(packets.get(1));
        });
    }

    @Test
    void aPacketRepeatedWithOtherBytesStartsANewMessage() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(LIMITS);
        r.add(packet(0), packets.get(0), T0);
        byte[] other = packets.get(0).clone();
        other[18] = 0x35; // another message's first packet: its serial number (after SYN and the counter) differs
        other = reseal(other);
        r.add(Sl651Codec.decodePacket(other), other, T0);
        assertThat(r.expire(T0)).singleElement().satisfies(g -> {
            assertThat(g.rejection().reason()).isEqualTo(RejectReason.INCOMPLETE_PACKETS);
            assertThat(g.bytes()).isEqualTo(packets.get(0));
        });
    }

    @Test
    void aMessageAnnouncingTooManyPacketsIsRefusedAtOnce() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(new Sl651Reassembly.Limits(Duration.ofMinutes(1), 2, 4095));
        assertThat(r.add(packet(0), packets.get(0), T0)).isInstanceOfSatisfying(Sl651Reassembly.Refused.class, f -> {
            assertThat(f.rejection().reason()).isEqualTo(RejectReason.TOO_MANY_PENDING_PACKETS);
            assertThat(f.bytes()).isEqualTo(packets.get(0));
        });
        assertThat(r.abandon()).isEmpty();
    }

    @Test
    void aMessageBeyondTheByteLimitIsRefusedWithEveryPacketHeld() throws DecodeException {
        Sl651Reassembly r = new Sl651Reassembly(new Sl651Reassembly.Limits(Duration.ofMinutes(1), 8, 20));
        assertThat(r.add(packet(0), packets.get(0), T0)).isInstanceOf(Sl651Reassembly.Held.class);
        assertThat(r.add(packet(1), packets.get(1), T0)).isInstanceOfSatisfying(Sl651Reassembly.Refused.class, f -> {
            assertThat(f.rejection().reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
            assertThat(f.bytes()).isEqualTo(concat(packets.get(0), packets.get(1)));
        });
        assertThat(r.abandon()).isEmpty();
    }

    @Test
    void limitsBeyondOneFrameAreRefused() {
        assertThatThrownBy(() -> new Sl651Reassembly.Limits(Duration.ofMinutes(1), 8, 4096))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Sl651Packet packet(int i) throws DecodeException {
        return Sl651Codec.decodePacket(packets.get(i));
    }

    private static byte[] reseal(byte[] frame) {
        byte[] out = Arrays.copyOf(frame, frame.length);
        int crc = Sl651Crc.compute(out, 0, out.length - 2);
        out[out.length - 2] = (byte) (crc >> 8);
        out[out.length - 1] = (byte) crc;
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
