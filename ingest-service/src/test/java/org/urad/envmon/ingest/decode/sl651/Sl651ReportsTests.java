package org.urad.envmon.ingest.decode.sl651;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.sl651.Sl651Reports.Element;

/** Verifies that the report encoder writes what the decoder and the golden frames say. */
class Sl651ReportsTests {

    private static Instant china(int y, int mo, int d, int h, int mi, int s) {
        return LocalDateTime.of(y, mo, d, h, mi, s).atZone(Sl651Body.ZONE).toInstant();
    }

    @Test
    void writesTheGoldenTimedReportByteForByte() {
        // GIVEN the golden report's contents: serial 34H, sent 2017-07-18 11:00:16, river station 48H,
        // observed 11:00: rainfall 20H and 26H 4.0 mm, level 39H 10.49 m, voltage 38H 10.99 V
        List<Element> elements = List.of(
                new Element(0x20, 3, 1, 4.0),
                new Element(0x26, 3, 1, 4.0),
                Element.level(10.49),
                new Element(0x38, 2, 2, 10.99));
        // WHEN they are written
        byte[] frame = Sl651Codec.encode(Sl651Reports.hex(
                5,
                "0011223344",
                0x03E8,
                0x32,
                0x34,
                china(2017, 7, 18, 11, 0, 16),
                0x48,
                china(2017, 7, 18, 11, 0, 0),
                elements));
        // THEN the bytes are the golden frame's, CRC included
        assertThat(frame).isEqualTo(Sl651Golden.bytes("timed-report-32.hex"));
    }

    @Test
    void roundTripsAGateReportThroughTheDecoder() throws Exception {
        Instant observed = china(2026, 5, 1, 8, 15, 0);
        byte[] frame = Sl651Codec.encode(Sl651Reports.hex(
                1,
                "0015082403",
                0,
                0x32,
                7,
                observed.plusSeconds(3),
                Sl651Reports.GATE_STATION,
                observed,
                List.of(Element.flow(12.345), Element.level(-0.25), Element.gateOpening(1.07))));
        DecodedMessage message = new Sl651Decoder().decode(frame);
        assertThat(message.terminal().address()).isEqualTo("0015082403");
        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value, DecodedValue::time)
                .containsExactly(
                        tuple("level", -0.25, observed),
                        tuple("flow", 12.345, observed),
                        tuple("gate_opening", 1.07, observed));
        assertThat(Sl651Codec.decode(message.reply()).end()).isEqualTo(Sl651Frame.EOT);
    }

    @Test
    void refusesAValueTooLongForItsDefinition() {
        assertThatThrownBy(() -> Sl651Reports.hex(
                        1,
                        "0015082403",
                        0,
                        0x32,
                        1,
                        Instant.EPOCH,
                        Sl651Reports.GATE_STATION,
                        Instant.EPOCH,
                        List.of(Element.gateOpening(10000))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
