package org.urad.envmon.ingest.decode.szy206;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.TerminalClaim;
import org.urad.envmon.ingest.reading.RejectReason;

class Szy206DecoderTests {

    /** The service clock on 9 June 2022, 12:00 in China. */
    private static final Instant NOW = Instant.parse("2022-06-09T04:00:00Z");

    private final Szy206Decoder decoder = new Szy206Decoder(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void decodesThePublishedFlowReport() throws DecodeException {
        Szy206Frame frame = Szy206Codec.decode(Szy206Golden.bytes("flow-report-c0.hex"));

        assertThat(frame.control()).isEqualTo(0xB3);
        assertThat(frame.fromTerminal()).isTrue();
        assertThat(frame.function()).isEqualTo(Szy206Report.FLOW);
        assertThat(frame.addressHex()).isEqualTo("5303810D00");
        assertThat(frame.afn()).isEqualTo(0xC0);
    }

    @Test
    void mapsThePublishedFlowReportToFlowAndVolumeAtItsTimeLabel() throws DecodeException {
        DecodedMessage message = decoder.decode(Szy206Golden.bytes("flow-report-c0.hex"));

        Instant at = Instant.parse("2022-06-09T00:45:00Z"); // day 09, 08:45:00 in China
        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value, DecodedValue::unit, DecodedValue::time)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("flow", 5.9, "m3/s", at),
                        org.assertj.core.groups.Tuple.tuple("volume_total", 106182.0, "m3", at));
        assertThat(message.values()).allSatisfy(v -> assertThat(v.flag()).isNull());
        assertThat(message.terminal()).isEqualTo(new TerminalClaim("szy206", "5303810D00"));
    }

    @Test
    void confirmsASelfReportWithAfnC0DownwardsToTheSameAddress() throws DecodeException {
        DecodedMessage message = decoder.decode(Szy206Golden.bytes("flow-report-c0.hex"));

        Szy206Frame reply = Szy206Codec.decode(message.reply());
        assertThat(message.replyRequested()).isTrue();
        assertThat(reply.fromTerminal()).isFalse();
        assertThat(reply.control()).isEqualTo(0x30);
        assertThat(reply.addressHex()).isEqualTo("5303810D00");
        assertThat(reply.afn()).isEqualTo(0xC0);
        assertThat(reply.data()).containsExactly(0);
        assertThat(HexFormat.of().withUpperCase().formatHex(message.reply())).startsWith("6808683053038");
    }

    @Test
    void answersALinkCheckWithTheSameKind() throws DecodeException {
        byte[] check = Szy206Codec.encode(new Szy206Frame(0xB0, null, address(), 0x02, new byte[] {(byte) 0xF2}));

        DecodedMessage message = decoder.decode(check);

        assertThat(message.values()).isEmpty();
        Szy206Frame reply = Szy206Codec.decode(message.reply());
        assertThat(reply.afn()).isEqualTo(0x02);
        assertThat(reply.data()).containsExactly(0xF2);
        assertThat(reply.fromTerminal()).isFalse();
    }

    @Test
    void flagsValuesOfAFaultyMeterAsInstrumentFault() throws DecodeException {
        byte[] data = HexFormat.of().parseHex("0059000000" + "8261100000" + "2000" + "0000" + "004508090A");

        DecodedMessage message = decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB3, null, address(), 0xC0, data)));

        assertThat(message.values()).extracting(DecodedValue::flag).containsOnly("D");
    }

    @Test
    void readsWaterLevelAndGatePositionWithTheirDecimals() throws DecodeException {
        byte[] level = HexFormat.of().parseHex("45230100" + "0000" + "0000" + "004508090A");
        byte[] gate = HexFormat.of().parseHex("250100" + "0000" + "0300" + "004508090A");

        DecodedValue l = decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB2, null, address(), 0xC0, level)))
                .values()
                .get(0);
        DecodedValue g = decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB5, null, address(), 0xC0, gate)))
                .values()
                .get(0);

        assertThat(l.parameter()).isEqualTo("level");
        assertThat(l.value()).isEqualTo(12.345);
        assertThat(g.parameter()).isEqualTo("gate_opening");
        assertThat(g.value()).isEqualTo(1.25);
        assertThat(g.flag()).as("status mode 3: under service").isEqualTo("M");
    }

    @Test
    void leavesOutValuesTheTerminalMarksMissing() throws DecodeException {
        byte[] data = HexFormat.of().parseHex("AAAAAAAAAA" + "8261100000" + "0000" + "0000" + "004508090A");

        DecodedMessage message = decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB3, null, address(), 0xC0, data)));

        assertThat(message.values()).extracting(DecodedValue::parameter).containsExactly("volume_total");
    }

    @Test
    void refusesUnknownDataTypesAndFunctions() {
        byte[] data = HexFormat.of().parseHex("000000" + "0000" + "0000" + "004508090A");

        assertThatThrownBy(() -> decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB1, null, address(), 0xC0, data))))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.UNKNOWN_FUNCTION));
        assertThatThrownBy(() -> decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB3, null, address(), 0x81, data))))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.getMessage()).contains("AFN 81H"));
    }

    @Test
    void refusesFramesGoingToATerminal() {
        byte[] down = Szy206Codec.encode(new Szy206Frame(0x30, null, address(), 0x02, new byte[] {(byte) 0xF2}));

        assertThatThrownBy(() -> decoder.decode(down))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void refusesTimeLabelsThatAreNoTime() {
        byte[] data = HexFormat.of().parseHex("0059000000" + "8261100000" + "0000" + "0000" + "0045250900");

        assertThatThrownBy(() -> decoder.decode(Szy206Codec.encode(new Szy206Frame(0xB3, null, address(), 0xC0, data))))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.getMessage()).contains("Tp"));
    }

    @Test
    void placesTheTimeLabelInTheNearestMonth() throws DecodeException {
        // received 1 July 00:30 in China; Tp says day 30 23:59:00 → 30 June
        Szy206Decoder early = new Szy206Decoder(Clock.fixed(Instant.parse("2022-06-30T16:30:00Z"), ZoneOffset.UTC));
        byte[] data = HexFormat.of().parseHex("0059000000" + "8261100000" + "0000" + "0000" + "0059233000");

        DecodedValue v = early.decode(Szy206Codec.encode(new Szy206Frame(0xB3, null, address(), 0xC0, data)))
                .values()
                .get(0);

        assertThat(v.time()).isEqualTo(Instant.parse("2022-06-30T15:59:00Z"));
    }

    private static byte[] address() {
        return HexFormat.of().parseHex("5303810D00");
    }
}
