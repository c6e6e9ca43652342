package org.urad.envmon.ingest.registry;

import java.util.List;
import org.urad.envmon.ingest.reading.Family;

/** The catalogue rows (as in the V1 migration) that the unit tests' seeds use. */
final class TestCatalogue {

    static final List<ParameterSpec> PARAMETERS = List.of(
            spec(Family.CEMS, "a21026", "mg/m3"),
            spec(Family.CEMS, "a21002", "mg/m3"),
            spec(Family.CEMS, "a34013", "mg/m3"),
            spec(Family.CEMS, "a19001", "%"),
            spec(Family.CEMS, "a00000", "m3/s"),
            spec(Family.CEMS, "a01012", "degC"),
            spec(Family.WATER_QUALITY, "w01018", "mg/L"),
            spec(Family.WATER_QUALITY, "w21003", "mg/L"),
            spec(Family.WATER_QUALITY, "w21011", "mg/L"),
            spec(Family.WATER_QUALITY, "w21001", "mg/L"),
            spec(Family.WATER_QUALITY, "w01001", "pH"),
            spec(Family.WATER_QUALITY, "w00000", "L/s"),
            spec(Family.WATER_QUALITY, "w01010", "degC"));

    private TestCatalogue() {}

    private static ParameterSpec spec(Family family, String code, String unit) {
        return new ParameterSpec(family, code, code, code, unit, null, null, null);
    }
}
