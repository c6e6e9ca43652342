package org.urad.envmon.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.reading.Ack;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.reading.Outcome;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.RawMessage;
import org.urad.envmon.ingest.reading.Rejection;
import org.urad.envmon.ingest.reading.Statistic;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.support.SampleRegistry;

class NormaliserTests {

    private static final Instant NOW = Instant.parse("2025-07-01T00:00:00Z");

    private final RegistrySnapshot registry = SampleRegistry.create();
    private final Normaliser normaliser =
            new Normaliser(new NormaliseSettings(Duration.ofMinutes(10), Duration.ofDays(30), false));
    private final RawMessage raw = new RawMessage("t", new byte[0], NOW, null, Ack.NONE);

    private Outcome normalise(Family family, String device, DecodedMessage msg) {
        return normaliser.normalise(raw, new Topic(family, device, "json"), "json", msg, registry, NOW);
    }

    private static DecodedMessage values(DecodedValue... values) {
        return new DecodedMessage(null, false, null, 7L, List.of(values), List.of(), false, null);
    }

    private static DecodedValue value(String parameter, double value, String unit, String flag) {
        return new DecodedValue(parameter, NOW, Period.REALTIME, Statistic.VALUE, value, unit, flag);
    }

    private static List<String> reasons(Outcome o) {
        return o.rejections().stream().map(Rejection::reason).map(Enum::name).toList();
    }

    @Test
    void convertsUnitsAndMarksValidityFromTheFlag() {
        Outcome o = normalise(
                Family.CEMS,
                SampleRegistry.CEMS,
                values(value("a21026", 25000, "ug/m3", "N"), value("02", 12, null, "D")));

        assertThat(o.rejections()).isEmpty();
        assertThat(o.readings())
                .extracting(r -> r.parameter() + "=" + r.value() + " " + r.flag() + " " + r.valid())
                .containsExactly("a21026=25.0 N true", "a21026=12.0 D false");
        assertThat(o.readings().get(0).sequence()).isEqualTo(7L);
    }

    @Test
    void storesAWellsWaterLevelAsItsGroundwaterLevel() {
        Outcome well = normalise(Family.WELL, SampleRegistry.WELL, values(value("level", 12.5, "m", null)));

        assertThat(well.rejections()).isEmpty();
        assertThat(well.readings())
                .extracting(r -> r.parameter() + "=" + r.value())
                .containsExactly("gw_level=12.5");
    }

    @Test
    void manualValuesAreValidOnlyWhenConfigured() {
        Normaliser lenient = new Normaliser(new NormaliseSettings(Duration.ofMinutes(10), Duration.ofDays(30), true));
        DecodedMessage msg = values(value("flow", 1, null, "S"));

        assertThat(normalise(Family.WELL, SampleRegistry.WELL, msg)
                        .readings()
                        .get(0)
                        .valid())
                .isFalse();
        assertThat(lenient.normalise(
                                raw, new Topic(Family.WELL, SampleRegistry.WELL, "json"), "json", msg, registry, NOW)
                        .readings()
                        .get(0)
                        .flag())
                .isEqualTo(DataFlag.S);
    }

    @Test
    void storesTheGoodValuesOfAPartlyBadMessageAndNamesEachBadOne() {
        Outcome o = normalise(
                Family.WELL,
                SampleRegistry.WELL,
                values(
                        value("flow", 10, "m3/h", null),
                        value("flow", 10, "kg", null),
                        value("flow", -1, null, null),
                        value("colour", 1, null, null),
                        value("flow", 1, null, "X"),
                        new DecodedValue(
                                "flow", NOW.plus(Duration.ofHours(1)), Period.REALTIME, Statistic.VALUE, 1, null, null),
                        new DecodedValue(
                                "flow",
                                NOW.minus(Duration.ofDays(31)),
                                Period.REALTIME,
                                Statistic.VALUE,
                                1,
                                null,
                                null)));

        assertThat(o.readings()).hasSize(1);
        assertThat(reasons(o))
                .containsExactly(
                        "BAD_UNIT",
                        "IMPOSSIBLE_VALUE",
                        "UNKNOWN_PARAMETER",
                        "BAD_FLAG",
                        "TIME_IN_FUTURE",
                        "TIME_TOO_OLD");
        assertThat(o.rejections().get(0).detail()).startsWith("value 2 (flow)");
    }

    @Test
    void rejectsUnknownDevicesWrongFamiliesAndMismatchedIds() {
        DecodedMessage msg = values(value("flow", 1, null, null));
        DecodedMessage claimsOther =
                new DecodedMessage("W0002", false, null, null, msg.values(), List.of(), false, null);

        assertThat(reasons(normalise(Family.WELL, "W9999", msg))).containsExactly("UNKNOWN_DEVICE");
        assertThat(reasons(normalise(Family.GATE, SampleRegistry.WELL, msg))).containsExactly("WRONG_FAMILY");
        assertThat(reasons(normalise(Family.WELL, SampleRegistry.WELL, claimsOther)))
                .containsExactly("DEVICE_MISMATCH");
    }

    @Test
    void checksTheHj212MnAndPasswordAgainstTheRegistry() {
        List<DecodedValue> v = List.of(value("a21026", 1, null, "N"));
        var good = new DecodedMessage(
                SampleRegistry.CEMS_MN, true, SampleRegistry.CEMS_PW, null, v, List.of(), true, null);
        var wrongPw = new DecodedMessage(SampleRegistry.CEMS_MN, true, "000000", null, v, List.of(), true, null);
        var otherMn = new DecodedMessage("WQMN0000000000000000001", true, "654321", null, v, List.of(), true, null);

        assertThat(normalise(Family.CEMS, SampleRegistry.CEMS, good).rejections())
                .isEmpty();
        assertThat(reasons(normalise(Family.CEMS, SampleRegistry.CEMS, wrongPw)))
                .containsExactly("WRONG_PASSWORD");
        assertThat(reasons(normalise(Family.CEMS, SampleRegistry.CEMS, otherMn)))
                .containsExactly("DEVICE_MISMATCH");
    }

    @Test
    void acceptsCalibrationsFromMonitorsOnlyAndConvertsTheirUnits() {
        var cal = new DecodedCalibration("a21026", "span", NOW, 100000, 50000, 200000.0, "ug/m3", false);
        var msg = new DecodedMessage(null, false, null, null, List.of(), List.of(cal), false, null);

        Outcome cems = normalise(Family.CEMS, SampleRegistry.CEMS, msg);
        assertThat(cems.calibrations()).singleElement().satisfies(c -> {
            assertThat(c.reference()).isEqualTo(100);
            assertThat(c.measured()).isEqualTo(50);
            assertThat(c.fullScale()).isEqualTo(200);
        });
        var wellCal = new DecodedCalibration("flow", "span", NOW, 1, 1, null, null, null);
        assertThat(reasons(normalise(
                        Family.WELL,
                        SampleRegistry.WELL,
                        new DecodedMessage(null, false, null, null, List.of(), List.of(wellCal), false, null))))
                .containsExactly("WRONG_FAMILY");
    }

    @Test
    void rejectsAParameterTheMonitorDoesNotMeasure() {
        Outcome o = normalise(Family.WATER_QUALITY, SampleRegistry.WATER, values(value("w21003", 1, null, "N")));

        assertThat(reasons(o)).containsExactly("UNKNOWN_PARAMETER");
    }
}
