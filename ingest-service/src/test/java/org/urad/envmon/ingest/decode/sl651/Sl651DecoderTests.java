package org.urad.envmon.ingest.decode.sl651;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.TerminalClaim;
import org.urad.envmon.ingest.reading.RejectReason;

class Sl651DecoderTests {

    private final Sl651Decoder decoder = new Sl651Decoder();

    @Test
    void decodesThePublishedTestReportHeader() throws DecodeException {
        Sl651Frame frame = Sl651Codec.decode(Sl651Golden.bytes("test-report-30.hex"));

        assertThat(frame.ascii()).isFalse();
        assertThat(frame.centre()).isEqualTo(1);
        assertThat(frame.station()).isEqualTo("0012345678");
        assertThat(frame.password()).isEqualTo(0x1234);
        assertThat(frame.function()).isEqualTo(0x30);
        assertThat(frame.up()).isTrue();
        assertThat(frame.end()).isEqualTo(Sl651Frame.ETX);
    }

    @Test
    void readsThePublishedTestReportsElementsButStoresNoTestData() throws DecodeException {
        Sl651Frame frame = Sl651Codec.decode(Sl651Golden.bytes("test-report-30.hex"));

        assertThat(Sl651Body.hex(frame.body(), frame.station()))
                .extracting(Sl651Body.Element::guide, Sl651Body.Element::value)
                .containsExactly(tuple(0x20, 0.5), tuple(0x26, 0.5), tuple(0x39, 0.127), tuple(0x38, 11.15));
        DecodedMessage message = decoder.toMessage(frame);
        assertThat(message.values()).isEmpty();
        assertThat(message.replyRequested()).isTrue();
    }

    @Test
    void confirmsLikeThePublishedRepliesWhenEndedWithEsc() throws DecodeException {
        for (String name : new String[] {"test-report-30", "timed-report-32"}) {
            Sl651Frame report = Sl651Codec.decode(Sl651Golden.bytes(name + ".hex"));

            byte[] reply = Sl651Codec.encode(Sl651Replies.confirm(report, Sl651Frame.ESC));

            assertThat(reply).as(name).containsExactly(Sl651Golden.bytes(name + "-reply-esc.hex"));
        }
    }

    @Test
    void repliesToAReportWithEotByDefault() throws DecodeException {
        DecodedMessage message = decoder.decode(Sl651Golden.bytes("timed-report-32.hex"));

        Sl651Frame reply = Sl651Codec.decode(message.reply());
        assertThat(reply.up()).isFalse();
        assertThat(reply.end()).isEqualTo(Sl651Frame.EOT);
        assertThat(reply.function()).isEqualTo(0x32);
        assertThat(reply.station()).isEqualTo("0011223344");
    }

    @Test
    void mapsThePublishedTimedReportsWaterLevel() throws DecodeException {
        DecodedMessage message = decoder.decode(Sl651Golden.bytes("timed-report-32.hex"));

        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value, DecodedValue::unit, DecodedValue::time)
                .containsExactly(tuple("level", 10.49, "m", Instant.parse("2017-07-18T03:00:00Z")));
        assertThat(message.terminal()).isEqualTo(new TerminalClaim("sl651", "0011223344"));
    }

    @Test
    void mapsTheReservoirUpstreamLevel() throws DecodeException {
        DecodedMessage message = decoder.decode(Sl651Golden.bytes("reservoir-report-32.hex"));

        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value, DecodedValue::time)
                .containsExactly(tuple("level", 37.865, Instant.parse("2023-05-31T17:00:00Z")));
    }

    @Test
    void prefersRiverLevelAndFlowOverIntakeElementsAndReadsTheStatusWord() throws DecodeException {
        Sl651Frame frame = Sl651Codec.decode(Sl651Golden.bytes("added-report-33.hex"));

        DecodedMessage message = decoder.toMessage(frame);

        assertThat(frame.function()).isEqualTo(0x33);
        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value)
                .containsExactly(tuple("level", 0.345), tuple("flow", 0.78552));
        assertThat(Sl651Body.hex(frame.body(), frame.station()))
                .filteredOn(e -> e.guide() == 0x45)
                .extracting(Sl651Body.Element::raw)
                .containsExactly(1L);
    }

    @Test
    void flagsLevelsDWhenTheStatusWordReportsALevelMeterFault() throws DecodeException {
        byte[] body = java.util.HexFormat.of()
                .parseHex("0001230308111501" + "F1F1123456789048" + "F0F02303081114" + "392300000345" + "452000000040");
        byte[] frame = Sl651Codec.encode(new Sl651Frame(false, 1, "1234567890", 0, 0x32, true, body, Sl651Frame.ETX));

        assertThat(decoder.decode(frame).values())
                .extracting(DecodedValue::flag)
                .containsExactly("D");
    }

    @Test
    void decodesTheAsciiEncoding() throws DecodeException {
        String body = "0003591011154947 ST 0012345678 G TT 5910111549 H 12.34 Q 0.125 VT 12.6 ";
        byte[] frame = Sl651Codec.encode(new Sl651Frame(
                true, 1, "0012345678", 0x1234, 0x32, true, body.getBytes(StandardCharsets.US_ASCII), Sl651Frame.ETX));

        DecodedMessage message = decoder.decode(frame);

        assertThat(new String(frame, 1, 22, StandardCharsets.US_ASCII))
                .isEqualTo(String.format("010012345678123432%04X", body.length()));
        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value, DecodedValue::time)
                .containsExactly(
                        tuple("gw_depth", 12.34, Instant.parse("2059-10-11T07:49:00Z")),
                        tuple("flow", 0.125, Instant.parse("2059-10-11T07:49:00Z")));
        Sl651Frame reply = Sl651Codec.decode(message.reply());
        assertThat(new String(reply.body(), StandardCharsets.US_ASCII)).isEqualTo("0003591011154947");
    }

    @Test
    void refusesReportsForAnotherStationThanTheHeaders() {
        byte[] body = java.util.HexFormat.of().parseHex("0001230308111501" + "F1F1999999999948" + "F0F02303081114");
        byte[] frame = Sl651Codec.encode(new Sl651Frame(false, 1, "1234567890", 0, 0x32, true, body, Sl651Frame.ETX));

        assertThatThrownBy(() -> decoder.decode(frame))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void refusesMultiPacketFramesAndUnknownFunctions() {
        byte[] body = java.util.HexFormat.of().parseHex("0001230308111501");
        byte[] fn = Sl651Codec.encode(new Sl651Frame(false, 1, "1234567890", 0, 0x36, true, body, Sl651Frame.ETX));
        byte[] syn = Sl651Codec.encode(new Sl651Frame(false, 1, "1234567890", 0, 0x32, true, body, Sl651Frame.ETX));
        syn[13] = Sl651Frame.SYN;
        int crc = Sl651Crc.compute(syn, 0, syn.length - 2);
        syn[syn.length - 2] = (byte) (crc >> 8);
        syn[syn.length - 1] = (byte) crc;

        assertThatThrownBy(() -> decoder.decode(fn))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_FUNCTION));
        assertThatThrownBy(() -> decoder.decode(syn))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.getMessage()).contains("SYN"));
    }
}
