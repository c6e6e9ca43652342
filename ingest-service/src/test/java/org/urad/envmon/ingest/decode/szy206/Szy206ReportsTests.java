package org.urad.envmon.ingest.decode.szy206;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;

/** Verifies that the report encoder writes what the decoder and the golden frames say. */
class Szy206ReportsTests {

    @Test
    void writesTheGoldenFlowReportByteForByte() throws Exception {
        // GIVEN the golden report's contents: flow 5.900 m3/s, volume 106182 m3, alarm 1001H, status 0060H,
        // Tp day 09 08:45:00 (China time) with 10 minutes' delay
        Instant tp =
                LocalDateTime.of(2022, 6, 9, 8, 45, 0).atZone(Szy206Time.ZONE).toInstant();
        // WHEN they are written
        byte[] frame = Szy206Codec.encode(Szy206Reports.flow("5303810D00", 5.9, 106182, 0x1001, 0x0060, tp, 10));
        // THEN the bytes are the golden frame's, CRC included
        assertThat(frame).isEqualTo(Szy206Golden.bytes("flow-report-c0.hex"));
    }

    @Test
    void roundTripsThroughTheDecoder() throws Exception {
        Instant tp =
                LocalDateTime.of(2026, 3, 14, 15, 9, 26).atZone(Szy206Time.ZONE).toInstant();
        byte[] frame = Szy206Codec.encode(Szy206Reports.flow("1508240700", 0.006, 123456.49, 0, 0, tp, 0));
        DecodedMessage message = new Szy206Decoder(Clock.fixed(tp.plusSeconds(5), ZoneOffset.UTC)).decode(frame);
        assertThat(message.terminal().address()).isEqualTo("1508240700");
        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::value, DecodedValue::time, DecodedValue::flag)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("flow", 0.006, tp, null),
                        org.assertj.core.groups.Tuple.tuple("volume_total", 123456.0, tp, null));
        assertThat(message.replyRequested()).isTrue();
    }
}
