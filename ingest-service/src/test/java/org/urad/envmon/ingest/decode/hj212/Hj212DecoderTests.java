package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.reading.CalibrationKind;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

/** Verifies how frames map to decoded values, calibrations and replies. */
class Hj212DecoderTests {

    private static final String CEMS_MN = "150824UZ0001CEMS01";
    /** 2024-03-01 08:30:00 in China. */
    private static final Instant HALF_PAST_EIGHT = Instant.parse("2024-03-01T00:30:00Z");

    private final Hj212Decoder decoder = new Hj212Decoder();

    @Test
    void mapsRealTimeValuesWithTheirConvertedValuesAndFlags() throws DecodeException {
        DecodedMessage message = decode("valid/cems-2011-realtime-reply.hj212");

        assertThat(message.deviceClaim()).isEqualTo(CEMS_MN);
        assertThat(message.claimIsMn()).isTrue();
        assertThat(message.password()).isEqualTo("123456");
        assertThat(message.calibrations()).isEmpty();
        assertThat(message.values())
                .allSatisfy(v -> {
                    assertThat(v.period()).isEqualTo(Period.REALTIME);
                    assertThat(v.time()).isEqualTo(HALF_PAST_EIGHT);
                    assertThat(v.unit()).isNull();
                })
                .extracting(DecodedValue::parameter, DecodedValue::statistic, DecodedValue::value, DecodedValue::flag)
                .containsExactly(
                        tuple("a21026", Statistic.VALUE, 35.2, "N"),
                        tuple("a21026", Statistic.ZS_VALUE, 41.7, "N"),
                        tuple("a21002", Statistic.VALUE, 88.1, "M"),
                        tuple("a21002", Statistic.ZS_VALUE, 104.3, "M"),
                        tuple("a34013", Statistic.VALUE, 4.6, "N"),
                        tuple("a34013", Statistic.ZS_VALUE, 5.4, "N"),
                        tuple("a19001", Statistic.VALUE, 11.2, "N"),
                        tuple("a00000", Statistic.VALUE, 52.3, "N"),
                        tuple("a00000", Statistic.COU, 188280.0, "N"));
    }

    @Test
    void answersAFrameThatAsksForAReplyWithA9014CarryingItsQn() throws DecodeException {
        DecodedMessage message = decode("valid/cems-2011-realtime-reply.hj212");

        assertThat(message.replyRequested()).isTrue();
        Hj212Frame reply = Hj212Codec.decode(message.reply());
        assertThat(reply.st()).isEqualTo("91");
        assertThat(reply.cn()).isEqualTo("9014");
        assertThat(reply.flag()).isEqualTo(4);
        assertThat(reply.mn()).isEqualTo(CEMS_MN);
        assertThat(reply.pw()).isEqualTo("123456");
        assertThat(reply.qn()).isEqualTo("20240301083000123");
        assertThat(reply.cpValue("QN")).contains("20240301083000123");
    }

    @Test
    void sendsNoReplyWhenTheFlagDoesNotAskForOne() throws DecodeException {
        DecodedMessage message = decode("valid/cems-2051-minute.hj212");

        assertThat(message.replyRequested()).isFalse();
        assertThat(message.reply()).isNull();
    }

    @Test
    void mapsMinuteDataToOneValuePerStatistic() throws DecodeException {
        DecodedMessage message = decode("valid/cems-2051-minute.hj212");

        assertThat(message.values()).allSatisfy(v -> assertThat(v.period()).isEqualTo(Period.MINUTE));
        assertThat(message.values())
                .filteredOn(v -> v.parameter().equals("a21026"))
                .extracting(DecodedValue::statistic, DecodedValue::value)
                .containsExactly(
                        tuple(Statistic.AVG, 35.2),
                        tuple(Statistic.MIN, 30.1),
                        tuple(Statistic.MAX, 40.3),
                        tuple(Statistic.ZS_AVG, 41.7),
                        tuple(Statistic.ZS_MIN, 36.0),
                        tuple(Statistic.ZS_MAX, 47.9),
                        tuple(Statistic.COU, 0.353));
        assertThat(message.values()).hasSize(11);
    }

    @Test
    void mapsHourlyDataTimedAtTheStartOfTheHour() throws DecodeException {
        DecodedMessage message = decode("valid/water-2061-hour.hj212");

        assertThat(message.values())
                .allSatisfy(v -> {
                    assertThat(v.period()).isEqualTo(Period.HOUR);
                    assertThat(v.time()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
                })
                .hasSize(12);
        assertThat(message.values())
                .filteredOn(v -> v.parameter().equals("w21003"))
                .extracting(DecodedValue::flag)
                .containsOnly("D");
    }

    @Test
    void mapsDailyData() throws DecodeException {
        DecodedMessage message = decode("valid/water-2031-day.hj212");

        assertThat(message.values())
                .allSatisfy(v -> assertThat(v.period()).isEqualTo(Period.DAY))
                .extracting(DecodedValue::parameter, DecodedValue::statistic, DecodedValue::flag)
                .contains(tuple("w21011", Statistic.COU, "S"), tuple("w01018", Statistic.MAX, "N"));
        assertThat(message.values().get(0).time()).isEqualTo(Instant.parse("2024-02-29T16:00:00Z"));
        assertThat(message.replyRequested()).isTrue();
    }

    @Test
    void mapsCalibrationResults() throws DecodeException {
        DecodedMessage message = decode("valid/cems-3011-calibration.hj212");

        assertThat(message.values()).isEmpty();
        assertThat(message.calibrations())
                .allSatisfy(c -> assertThat(c.time()).isEqualTo(Instant.parse("2024-02-29T21:55:00Z")))
                .extracting(
                        DecodedCalibration::parameter,
                        DecodedCalibration::kind,
                        DecodedCalibration::reference,
                        DecodedCalibration::measured,
                        DecodedCalibration::fullScale,
                        DecodedCalibration::reportedPass)
                .containsExactly(
                        tuple("a21026", "zero", 0.0, 0.8, 100.0, true),
                        tuple("a21026", "span", 80.0, 79.1, 100.0, true),
                        tuple("a21002", "span", 200.0, 188.5, 250.0, false));
    }

    @Test
    void passesOldParameterCodesThroughAsSent() throws DecodeException {
        DecodedMessage message = decode("valid/water-2011-2005-codes.hj212");

        assertThat(message.values()).extracting(DecodedValue::parameter).containsExactly("B01", "011", "060");
    }

    @Test
    void readsADataTimeWithMillisecondsAndDefaultsTheFlagToN() throws DecodeException {
        DecodedMessage message = decode("valid/vector2-2011-no-qn-lowercase-crc.hj212");

        assertThat(message.values())
                .extracting(DecodedValue::parameter, DecodedValue::time, DecodedValue::flag)
                .containsExactly(
                        tuple("ele01", Instant.parse("2021-03-04T16:38:17Z"), "N"),
                        tuple("ele02", Instant.parse("2021-03-04T16:38:17Z"), "N"));
    }

    @Test
    void mapsAMessageAssembledFromSplitPackets() throws DecodeException {
        Hj212PacketAssembler assembler = new Hj212PacketAssembler(java.time.Duration.ofSeconds(30), 4);
        byte[] second = Hj212Golden.bytes("valid/cems-2011-split-packet-2-of-2.hj212");
        byte[] first = Hj212Golden.bytes("valid/cems-2011-split-packet-1-of-2.hj212");
        assembler.add(Hj212Codec.decode(second), second, HALF_PAST_EIGHT);

        Hj212Message whole =
                assembler.add(Hj212Codec.decode(first), first, HALF_PAST_EIGHT).orElseThrow();
        DecodedMessage message = decoder.toMessage(whole.frame());

        assertThat(message.values()).extracting(DecodedValue::parameter).containsExactly("a21026", "a21002");
        assertThat(message.replyRequested()).isTrue();
    }

    @Test
    void decodesFramesBuiltForEachCommandBackToTheirValues() throws DecodeException {
        for (String[] cnAndSuffix :
                new String[][] {{"2011", "Rtd"}, {"2051", "Avg"}, {"2061", "Max"}, {"2031", "Cou"}}) {
            byte[] bytes = Hj212FrameBuilder.of(cnAndSuffix[0], "31", CEMS_MN)
                    .qn(HALF_PAST_EIGHT)
                    .password("654321")
                    .dataTime(HALF_PAST_EIGHT)
                    .value("a21026", cnAndSuffix[1], 12.25)
                    .dataFlag("a21026", "C")
                    .encode();

            DecodedMessage message = decoder.decode(bytes);

            assertThat(message.values())
                    .extracting(DecodedValue::parameter, DecodedValue::time, DecodedValue::value, DecodedValue::flag)
                    .as("CN %s", cnAndSuffix[0])
                    .containsExactly(tuple("a21026", HALF_PAST_EIGHT, 12.25, "C"));
        }
    }

    @Test
    void decodesACalibrationFrameBuiltByTheSimulator() throws DecodeException {
        byte[] bytes = Hj212FrameBuilder.of("3011", "31", CEMS_MN)
                .dataTime(HALF_PAST_EIGHT)
                .calibration("a21002", CalibrationKind.SPAN, 200, 196.5)
                .encode();

        assertThat(decoder.decode(bytes).calibrations())
                .containsExactly(
                        new DecodedCalibration("a21002", "span", HALF_PAST_EIGHT, 200, 196.5, null, null, null));
    }

    private DecodedMessage decode(String name) throws DecodeException {
        return decoder.decode(Hj212Golden.bytes(name));
    }

    @Test
    void cutsSeveralFramesOfOnePayloadApartBeforeEachLineStartingWithAHeader() {
        String first = Hj212Golden.text("valid/cems-2011-realtime-reply.hj212");
        String second = Hj212Golden.text("valid/vector2-2011-no-qn-lowercase-crc.hj212");
        String payload = "  \r\n" + first + "\r\n \n" + second.strip();

        assertThat(decoder.messages(payload.getBytes(StandardCharsets.US_ASCII)))
                .extracting(bytes -> new String(bytes, StandardCharsets.US_ASCII))
                .containsExactly(first.strip(), second.strip());
    }

    @Test
    void keepsBytesBeforeTheFirstFrameAsAPieceOfTheirOwnAndOneFrameWhole() {
        String frame = Hj212Golden.text("valid/cems-2011-realtime-reply.hj212").strip() + "\r\n";
        byte[] single = frame.getBytes(StandardCharsets.US_ASCII);
        String garbage = "hello ##x";

        assertThat(decoder.messages(single)).singleElement().isSameAs(single);
        assertThat(decoder.messages((garbage + "\n" + frame + frame).getBytes(StandardCharsets.US_ASCII)))
                .extracting(bytes -> new String(bytes, StandardCharsets.US_ASCII))
                .containsExactly(garbage, frame.strip(), frame.strip());
    }

    private static Hj212Frame frame(String name) throws DecodeException {
        return Hj212Codec.decode(Hj212Golden.bytes(name));
    }
}
