package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/** Verifies the reassembly of split messages (Flag D, PNUM/PNO). */
class Hj212PacketAssemblerTests {

    private static final Instant T0 = Instant.parse("2024-03-01T00:30:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Hj212PacketAssembler assembler = new Hj212PacketAssembler(TIMEOUT, 2);

    @Test
    void passesAnUnsplitFrameStraightThrough() throws DecodeException {
        Hj212Frame frame = packet("Q1", 1, 1).unsplit(List.of());

        byte[] bytes = Hj212Codec.encode(frame);

        assertThat(assembler.add(frame, bytes, T0)).hasValueSatisfying(m -> {
            assertThat(m.frame()).isEqualTo(frame);
            assertThat(m.bytes()).isSameAs(bytes);
        });
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void assemblesPacketsArrivingOutOfOrderIntoPacketOrder() throws DecodeException {
        assertThat(add(packet("Q1", 3, 3), T0)).isEmpty();
        assertThat(add(packet("Q1", 3, 1), T0)).isEmpty();

        Hj212Frame whole = add(packet("Q1", 3, 2), T0).orElseThrow().frame();

        assertThat(whole.split()).isFalse();
        assertThat(whole.pnum()).isNull();
        assertThat(whole.pno()).isNull();
        assertThat(whole.replyRequested()).isTrue();
        assertThat(whole.cp()).extracting(item -> item.get(0).value()).containsExactly("1", "2", "3");
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void keepsMessagesOfDifferentQnApart() throws DecodeException {
        add(packet("Q1", 2, 1), T0);
        add(packet("Q2", 2, 2), T0);

        assertThat(assembler.pending()).isEqualTo(2);
        assertThat(add(packet("Q1", 2, 2), T0)).isPresent();
    }

    @Test
    void ignoresARepeatedPacket() throws DecodeException {
        add(packet("Q1", 2, 1), T0);

        assertThat(add(packet("Q1", 2, 1), T0)).isEmpty();
        assertThat(add(packet("Q1", 2, 2), T0).orElseThrow().frame().cp()).hasSize(2);
    }

    @Test
    void reportsIncompletePacketsOnceTheTimeoutHasPassed() throws DecodeException {
        add(packet("Q1", 3, 1), T0);
        add(packet("Q1", 3, 3), T0.plusSeconds(10));

        assertThat(assembler.expire(T0.plus(TIMEOUT).minusMillis(1))).isEmpty();
        List<Hj212Incomplete> expired = assembler.expire(T0.plus(TIMEOUT));

        assertThat(expired).singleElement().satisfies(incomplete -> {
            assertThat(incomplete.qn()).isEqualTo("Q1");
            assertThat(incomplete.packets()).extracting(Hj212Frame::pno).containsExactly(1, 3);
            assertThat(incomplete.error().reason()).isEqualTo(RejectReason.INCOMPLETE_PACKETS);
            assertThat(incomplete.error().getMessage()).contains("2 of 3");
        });
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void givesUpTheOldestMessageWhenTooManyAreOpen() throws DecodeException {
        add(packet("Q1", 2, 1), T0);
        add(packet("Q2", 2, 1), T0);
        add(packet("Q3", 2, 1), T0);

        assertThat(assembler.expire(T0)).singleElement().satisfies(given -> {
            assertThat(given.qn()).isEqualTo("Q1");
            assertThat(given.error().reason()).isEqualTo(RejectReason.TOO_MANY_PENDING_PACKETS);
            assertThat(given.error().getMessage()).contains("1 of 2", "more than 2 split messages open");
            assertThat(given.bytes()).isEqualTo(Hj212Codec.encode(packet("Q1", 2, 1)));
        });
        assertThat(assembler.pending()).isEqualTo(2);
    }

    @Test
    void keepsTheBytesOfTheArrivedPacketsOfAnExpiredMessage() throws DecodeException {
        add(packet("Q1", 3, 3), T0);
        add(packet("Q1", 3, 1), T0);

        Hj212Incomplete expired = assembler.expire(T0.plus(TIMEOUT)).get(0);

        byte[] first = Hj212Codec.encode(packet("Q1", 3, 1));
        byte[] third = Hj212Codec.encode(packet("Q1", 3, 3));
        assertThat(expired.bytes()).hasSize(first.length + third.length);
        assertThat(new String(expired.bytes(), StandardCharsets.US_ASCII))
                .isEqualTo(new String(first, StandardCharsets.US_ASCII) + new String(third, StandardCharsets.US_ASCII));
        assertThat(assembler.pendingBytes()).isZero();
    }

    @Test
    void givesUpTheMessageWhosePacketGoesBeyondThePendingBytes() throws DecodeException {
        byte[] one = Hj212Codec.encode(packet("Q1", 3, 1));
        Hj212PacketAssembler small = new Hj212PacketAssembler(TIMEOUT, 8, one.length * 2 + 1);
        small.add(packet("Q1", 3, 1), one, T0);
        small.add(packet("Q2", 3, 1), Hj212Codec.encode(packet("Q2", 3, 1)), T0);

        assertThat(small.add(packet("Q1", 3, 2), Hj212Codec.encode(packet("Q1", 3, 2)), T0))
                .isEmpty();

        assertThat(small.expire(T0)).singleElement().satisfies(given -> {
            assertThat(given.qn()).isEqualTo("Q1");
            assertThat(given.error().reason()).isEqualTo(RejectReason.TOO_MANY_PENDING_PACKETS);
            assertThat(given.packets()).extracting(Hj212Frame::pno).containsExactly(1, 2);
        });
        assertThat(small.pending()).isEqualTo(1);
        assertThat(small.pendingBytes()).isEqualTo(one.length);
    }

    @Test
    void givesUpAMessageTooLargeForOneFrameOnceAllItsPacketsArrived() throws DecodeException {
        String big = "9".repeat(900);
        int packets = 12; // 12 x ~900 bytes of CP: more than the 9,999 bytes a data segment can hold
        Hj212PacketAssembler roomy = new Hj212PacketAssembler(TIMEOUT, 8, 1 << 20);
        int held = 0;
        for (int pno = 1; pno <= packets; pno++) {
            Hj212Frame packet = new Hj212Frame(
                    "Q1", "31", "2011", "123456", "MN1", 7, packets, pno, List.of(List.of(new Hj212Field("n", big))));
            byte[] bytes = Hj212Codec.encode(packet);
            held += bytes.length;
            assertThat(roomy.add(packet, bytes, T0)).isEmpty();
        }

        assertThat(roomy.expire(T0)).singleElement().satisfies(given -> {
            assertThat(given.error().reason()).isEqualTo(RejectReason.PAYLOAD_TOO_LARGE);
            assertThat(given.error().getMessage()).contains("12 packets", "at most 9999");
            assertThat(given.packets()).hasSize(packets);
        });
        assertThat(held).isGreaterThan(9999);
        assertThat(roomy.pending()).isZero();
    }

    @Test
    void abandonsOpenMessagesWithTheirBytesWhenTheConnectionCloses() throws DecodeException {
        add(packet("Q1", 2, 1), T0);

        assertThat(assembler.abandon()).singleElement().satisfies(given -> {
            assertThat(given.error().reason()).isEqualTo(RejectReason.INCOMPLETE_PACKETS);
            assertThat(given.error().getMessage()).contains("before the connection closed");
            assertThat(given.bytes()).isEqualTo(Hj212Codec.encode(packet("Q1", 2, 1)));
        });
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void rejectsAPacketWhosePnumDisagreesWithEarlierPackets() throws DecodeException {
        add(packet("Q1", 2, 1), T0);

        assertThatThrownBy(() -> add(packet("Q1", 3, 2), T0))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void rejectsASplitPacketWithoutQn() {
        Hj212Frame noQn = new Hj212Frame(null, "31", "2011", "1", "MN1", 7, 2, 1, List.of());

        assertThatThrownBy(() -> assembler.add(noQn, new byte[0], T0))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD));
    }

    private Optional<Hj212Message> add(Hj212Frame packet, Instant now) throws DecodeException {
        return assembler.add(packet, Hj212Codec.encode(packet), now);
    }

    private static Hj212Frame packet(String qn, int pnum, int pno) {
        List<List<Hj212Field>> cp = List.of(List.of(new Hj212Field("n", String.valueOf(pno))));
        return new Hj212Frame(qn, "31", "2011", "123456", "MN1", 7, pnum, pno, cp);
    }
}
