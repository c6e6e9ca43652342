package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.reading.RejectReason;

/** Verifies the frame codec against the golden frames and the published vectors. */
class Hj212CodecTests {

    private static final Instant T0 = Instant.parse("2024-03-01T00:30:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    static List<String> validFrames() {
        return Hj212Golden.names("valid");
    }

    static List<String> invalidFrames() {
        return Hj212Golden.names("invalid");
    }

    @ParameterizedTest
    @MethodSource("validFrames")
    void decodesValidFrameAndEncodesItBackToTheSameBytes(String name) throws DecodeException {
        String golden = Hj212Golden.text(name);

        Hj212Frame frame = Hj212Codec.decode(Hj212Golden.bytes(name));
        String encoded = new String(Hj212Codec.encode(frame), StandardCharsets.US_ASCII);

        int crcAt = golden.length() - 6;
        assertThat(encoded.substring(0, crcAt)).isEqualTo(golden.substring(0, crcAt));
        assertThat(encoded.substring(crcAt)).isEqualToIgnoringCase(golden.substring(crcAt));
    }

    /** GIVEN a golden failure named {@code <reason>-…} WHEN it goes the whole way THEN it fails with that reason. */
    @ParameterizedTest
    @MethodSource("invalidFrames")
    void rejectsInvalidFrameWithTheReasonItsNameGives(String name) {
        String file = name.substring(name.indexOf('/') + 1);
        RejectReason expected =
                RejectReason.valueOf(file.substring(0, file.indexOf('-')).toUpperCase(Locale.ROOT));

        assertThatThrownBy(() -> decodeLikeTheTcpPath(Hj212Golden.bytes(name)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(expected);
                    assertThat(e.getStackTrace()).isEmpty();
                    assertThat(e.getMessage()).isNotBlank();
                });
    }

    @Test
    void readsTheStandardsWorkedExample() throws DecodeException {
        byte[] bytes = Hj212Golden.bytes("valid/vector1-standard-1062.hj212");

        Hj212Frame frame = Hj212Codec.decode(bytes);

        assertThat(bytes).hasSize(6 + 101 + 4 + 2);
        assertThat(Hj212Crc.hex(Hj212Crc.compute(bytes, 6, 101))).isEqualTo("1C80");
        assertThat(frame.qn()).isEqualTo("20160801085857223");
        assertThat(frame.st()).isEqualTo("32");
        assertThat(frame.cn()).isEqualTo("1062");
        assertThat(frame.pw()).isEqualTo("100000");
        assertThat(frame.mn()).isEqualTo("010000A8900016F000169DC0");
        assertThat(frame.flag()).isEqualTo(5);
        assertThat(frame.version()).isEqualTo(Hj212Frame.VERSION_2017);
        assertThat(frame.replyRequested()).isTrue();
        assertThat(frame.split()).isFalse();
        assertThat(frame.cp()).containsExactly(List.of(new Hj212Field("RtdInterval", "30")));
    }

    @Test
    void computesThePublishedLengthsAndChecksums() {
        assertThat(segmentOf("valid/vector2-2011-no-qn-lowercase-crc.hj212"))
                .hasSize(109)
                .satisfies(s -> assertThat(Hj212Crc.hex(crc(s))).isEqualTo("8C41"));
        assertThat(segmentOf("valid/vector3-2011-surface-water.hj212"))
                .hasSize(435)
                .satisfies(s -> assertThat(Hj212Crc.hex(crc(s))).isEqualTo("7D00"));
    }

    @Test
    void readsA2005FrameWithoutQnOrFlag() throws DecodeException {
        Hj212Frame frame = Hj212Codec.decode(Hj212Golden.bytes("valid/vector2-2011-no-qn-lowercase-crc.hj212"));

        assertThat(frame.qn()).isNull();
        assertThat(frame.flag()).isNull();
        assertThat(frame.version()).isZero();
        assertThat(frame.replyRequested()).isFalse();
        assertThat(frame.cpValue("DataTime")).contains("20210305003817000");
    }

    @Test
    void acceptsAFrameWhoseLineEndWasTrimmed() throws DecodeException {
        byte[] golden = Hj212Golden.bytes("valid/cems-2051-minute.hj212");
        byte[] trimmed = java.util.Arrays.copyOf(golden, golden.length - 2);

        assertThat(Hj212Codec.decode(trimmed)).isEqualTo(Hj212Codec.decode(golden));
    }

    @Test
    void skipsEmptyCpItemsSuchAsATrailingSemicolon() throws DecodeException {
        String segment = "ST=27;Flag=4;CN=2011;PW=123456;MN=DYGLO000001A000001;"
                + "CP=&&DataTime=20210823075400;a01011-Rtd=0.00,a01011-Flag=N;&&";

        Hj212Frame frame = Hj212Codec.decode(Hj212Codec.wrap(segment));

        assertThat(frame.cp()).hasSize(2);
        assertThat(frame.cn()).isEqualTo("2011");
    }

    @Test
    void refusesToEncodeAFieldValueContainingASeparator() {
        Hj212Frame frame = Hj212FrameBuilder.of("2011", "31", "MN1")
                .field("a21026", "Rtd", "1;2")
                .build();

        assertThatThrownBy(() -> Hj212Codec.encode(frame)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Codec, packet assembly (timing out after {@link #TIMEOUT}) and mapping, as a TCP connection would. */
    static void decodeLikeTheTcpPath(byte[] bytes) throws DecodeException {
        Hj212PacketAssembler assembler = new Hj212PacketAssembler(TIMEOUT, 16);
        Optional<Hj212Message> message = assembler.add(Hj212Codec.decode(bytes), bytes, T0);
        if (message.isEmpty()) {
            throw assembler.expire(T0.plus(TIMEOUT)).get(0).error();
        }
        new Hj212Decoder().toMessage(message.get().frame());
    }

    private static String segmentOf(String name) {
        String text = Hj212Golden.text(name);
        return text.substring(6, text.length() - 6);
    }

    private static int crc(String segment) {
        return Hj212Crc.compute(segment.getBytes(StandardCharsets.US_ASCII));
    }
}
