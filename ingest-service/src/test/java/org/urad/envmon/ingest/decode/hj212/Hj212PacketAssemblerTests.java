package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

        assertThat(assembler.add(frame, T0)).contains(frame);
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void assemblesPacketsArrivingOutOfOrderIntoPacketOrder() throws DecodeException {
        assertThat(assembler.add(packet("Q1", 3, 3), T0)).isEmpty();
        assertThat(assembler.add(packet("Q1", 3, 1), T0)).isEmpty();

        Hj212Frame whole = assembler.add(packet("Q1", 3, 2), T0).orElseThrow();

        assertThat(whole.split()).isFalse();
        assertThat(whole.pnum()).isNull();
        assertThat(whole.pno()).isNull();
        assertThat(whole.replyRequested()).isTrue();
        assertThat(whole.cp()).extracting(item -> item.get(0).value()).containsExactly("1", "2", "3");
        assertThat(assembler.pending()).isZero();
    }

    @Test
    void keepsMessagesOfDifferentQnApart() throws DecodeException {
        assembler.add(packet("Q1", 2, 1), T0);
        assembler.add(packet("Q2", 2, 2), T0);

        assertThat(assembler.pending()).isEqualTo(2);
        assertThat(assembler.add(packet("Q1", 2, 2), T0)).isPresent();
    }

    @Test
    void ignoresARepeatedPacket() throws DecodeException {
        assembler.add(packet("Q1", 2, 1), T0);

        assertThat(assembler.add(packet("Q1", 2, 1), T0)).isEmpty();
        assertThat(assembler.add(packet("Q1", 2, 2), T0).orElseThrow().cp()).hasSize(2);
    }

    @Test
    void reportsIncompletePacketsOnceTheTimeoutHasPassed() throws DecodeException {
        assembler.add(packet("Q1", 3, 1), T0);
        assembler.add(packet("Q1", 3, 3), T0.plusSeconds(10));

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
        assembler.add(packet("Q1", 2, 1), T0);
        assembler.add(packet("Q2", 2, 1), T0);
        assembler.add(packet("Q3", 2, 1), T0);

        assertThat(assembler.expire(T0)).extracting(Hj212Incomplete::qn).containsExactly("Q1");
        assertThat(assembler.pending()).isEqualTo(2);
    }

    @Test
    void rejectsAPacketWhosePnumDisagreesWithEarlierPackets() throws DecodeException {
        assembler.add(packet("Q1", 2, 1), T0);

        assertThatThrownBy(() -> assembler.add(packet("Q1", 3, 2), T0))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void rejectsASplitPacketWithoutQn() {
        Hj212Frame noQn = new Hj212Frame(null, "31", "2011", "1", "MN1", 7, 2, 1, List.of());

        assertThatThrownBy(() -> assembler.add(noQn, T0))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD));
    }

    private static Hj212Frame packet(String qn, int pnum, int pno) {
        List<List<Hj212Field>> cp = List.of(List.of(new Hj212Field("n", String.valueOf(pno))));
        return new Hj212Frame(qn, "31", "2011", "123456", "MN1", 7, pnum, pno, cp);
    }
}
