package org.urad.envmon.ingest.decode.hj212;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedStatus;
import org.urad.envmon.ingest.reading.RejectReason;

/** Verifies how the status uploads (2021, 2041, 2081, 3020) map to status items and calibration results. */
class Hj212StatusTests {

    private static final String HEAD = "QN=20240301083000123;ST=32;PW=123456;MN=WQ0001;Flag=5;";
    /** 2024-03-01 08:30:00 in China. */
    private static final Instant HALF_PAST_EIGHT = Instant.parse("2024-03-01T00:30:00Z");

    private final Hj212Decoder decoder = new Hj212Decoder();

    private DecodedMessage decode(String cn, String cp) throws DecodeException {
        return decoder.decode(Hj212Codec.wrap(HEAD + "CN=" + cn + ";CP=&&" + cp + "&&"));
    }

    @Test
    void mapsRunningStatusPerFacility() throws DecodeException {
        DecodedMessage message = decode("2021", "DataTime=20240301083000;SB1-RS=1;SB2-RS=0");

        assertThat(message.values()).isEmpty();
        assertThat(message.statuses())
                .extracting(DecodedStatus::subject, DecodedStatus::code, DecodedStatus::time, DecodedStatus::value)
                .containsExactly(tuple("SB1", "RS", HALF_PAST_EIGHT, "1"), tuple("SB2", "RS", HALF_PAST_EIGHT, "0"));
        assertThat(message.replyRequested()).isTrue();
        assertThat(message.size()).isEqualTo(2);
    }

    @Test
    void mapsDailyRunningTimeAndPowerOnTime() throws DecodeException {
        assertThat(decode("2041", "DataTime=20240301000000;SB1-RT=23.5").statuses())
                .extracting(DecodedStatus::subject, DecodedStatus::code, DecodedStatus::value)
                .containsExactly(tuple("SB1", "RT", "23.5"));
        assertThat(decode("2081", "DataTime=20240301083000;RestartTime=20240301080512")
                        .statuses())
                .extracting(DecodedStatus::subject, DecodedStatus::code, DecodedStatus::value)
                .containsExactly(tuple("", "RestartTime", "20240301080512"));
    }

    @Test
    void refusesAPowerOnTimeThatIsNoTime() {
        assertThatThrownBy(() -> decode("2081", "DataTime=20240301083000;RestartTime=yesterday"))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void keepsEveryInformationItemUnderItsAnalyserIncludingUnknownCodes() throws DecodeException {
        DecodedMessage message = decode(
                "3020",
                "DataTime=20240301083000;PolId=w01018;i12001-Info=1;i99999-Info=vendor;"
                        + "PolId=w21003;i13001-Info=50");

        assertThat(message.statuses())
                .extracting(DecodedStatus::subject, DecodedStatus::code, DecodedStatus::value)
                .containsExactly(
                        tuple("w01018", "i12001", "1"),
                        tuple("w01018", "i99999", "vendor"),
                        tuple("w21003", "i13001", "50"));
        assertThat(message.calibrations()).isEmpty();
    }

    @Test
    void turnsTheLastZeroCalibrationIntoAZeroResultWithTheRangeAsFullScale() throws DecodeException {
        DecodedMessage message = decode(
                "3020",
                "DataTime=20240301083000;PolId=w01018;i13006-Info=20240301060000;i13104-Info=0.8;i13001-Info=100;"
                        + "PolId=w21003;i13006-Info=20240301060000");

        assertThat(message.calibrations())
                .extracting(
                        DecodedCalibration::parameter,
                        DecodedCalibration::kind,
                        DecodedCalibration::time,
                        DecodedCalibration::reference,
                        DecodedCalibration::measured,
                        DecodedCalibration::fullScale)
                .containsExactly(tuple("w01018", "zero", Instant.parse("2024-02-29T22:00:00Z"), 0.0, 0.8, 100.0));
        assertThat(message.statuses()).hasSize(4);
    }

    @Test
    void refusesAZeroCalibrationWhoseTimeCannotBeRead() {
        assertThatThrownBy(() -> decode("3020", "DataTime=20240301083000;PolId=w01018;i13006-Info=x;i13104-Info=0.8"))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.BAD_FIELD));
    }

    @Test
    void refusesAStatusUploadWithoutItemsOrWithoutDataTime() {
        assertThatThrownBy(() -> decode("2021", "DataTime=20240301083000"))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_FIELD));
        assertThatThrownBy(() -> decode("3020", "PolId=w01018;i12001-Info=1"))
                .isInstanceOfSatisfying(
                        DecodeException.class, e -> assertThat(e.reason()).isEqualTo(RejectReason.MISSING_DATATIME));
    }
}
