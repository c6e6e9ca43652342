package org.urad.envmon.ingest.decode.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

class JsonPayloadDecoderTests {

    private final JsonPayloadDecoder decoder = new JsonPayloadDecoder();

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = JsonPayloadDecoderTests.class.getResourceAsStream("/json/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void decodesReadingsWithMessageTimeAsDefaultAndOwnTimesKept() throws Exception {
        DecodedMessage msg = decoder.decode(resource("well-readings.json"));

        assertThat(msg.deviceClaim()).isEqualTo("W0001");
        assertThat(msg.claimIsMn()).isFalse();
        assertThat(msg.sequence()).isEqualTo(42L);
        assertThat(msg.values()).hasSize(3);
        assertThat(msg.values().get(0).time()).isEqualTo(Instant.parse("2025-07-01T00:00:00Z"));
        assertThat(msg.values().get(0).unit()).isEqualTo("m3");
        assertThat(msg.values().get(1).flag()).isEqualTo("N");
        assertThat(msg.values().get(2).time()).isEqualTo(Instant.parse("2025-06-30T23:55:00Z"));
        assertThat(msg.values().get(2).period()).isEqualTo(Period.REALTIME);
        assertThat(msg.values().get(2).statistic()).isEqualTo(Statistic.VALUE);
    }

    @Test
    void refusesAMalformedUtf8ByteInANameTheParserHasSeenBefore() throws Exception {
        // GIVEN a decoder that has read a message with "seq" (its parser caches property names)
        decoder.decode(
                utf8("{\"seq\":1,\"readings\":[{\"param\":\"flow\",\"value\":1,\"time\":\"2025-07-01T00:00:00Z\"}]}"));
        byte[] corrupt =
                utf8("{\"Xseq\":2,\"readings\":[{\"param\":\"flow\",\"value\":1,\"time\":\"2025-07-01T00:00:00Z\"}]}");
        corrupt[2] = (byte) 0xff;

        // THEN a name with a byte that is not UTF-8 is refused, not taken for "seq"
        assertThatThrownBy(() -> decoder.decode(corrupt))
                .isInstanceOf(DecodeException.class)
                .hasMessageContaining("not UTF-8");
    }

    @Test
    void refusesMalformedUtf8InAString() {
        byte[] corrupt = utf8("{\"device\":\"W0001X\",\"readings\":[]}");
        corrupt[16] = (byte) 0xc3;
        assertThatThrownBy(() -> decoder.decode(corrupt)).isInstanceOf(DecodeException.class);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decodesCalibrationResults() throws Exception {
        DecodedMessage msg = decoder.decode(resource("cems-calibration.json"));

        assertThat(msg.values()).isEmpty();
        assertThat(msg.calibrations()).singleElement().satisfies(c -> {
            assertThat(c.kind()).isEqualTo("span");
            assertThat(c.reference()).isEqualTo(100);
            assertThat(c.measured()).isEqualTo(50);
            assertThat(c.fullScale()).isEqualTo(200);
            assertThat(c.reportedPass()).isFalse();
        });
    }

    @Test
    void decodesPeriodStatistics() throws Exception {
        DecodedMessage msg = decoder.decode(resource("cems-hourly.json"));

        assertThat(msg.values())
                .extracting(v -> v.period() + "/" + v.statistic())
                .containsExactly("HOUR/AVG", "HOUR/MAX");
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvFileSource(resources = "/json/invalid.csv", delimiter = '|', quoteCharacter = '\u0000')
    void rejectsInvalidPayloadsWithTheirReason(String payload, String reason, String detail) {
        assertThatThrownBy(() -> decoder.decode(payload.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(DecodeException.class, e -> {
                    assertThat(e.reason().code()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                    assertThat(e.getStackTrace()).isEmpty();
                });
    }
}
