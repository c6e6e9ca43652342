package org.urad.envmon.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTests {

    @ParameterizedTest(name = "{0} {1} = {3} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1      | m3/h  | m3/s  | 0.000277777778
            3600   | m³/h  | m3/s  | 1
            1      | L/s   | m3/h  | 3.6
            25000  | µg/m3 | mg/m3 | 25
            25     | mg/Nm³| mg/m3 | 25
            0.5    | mg/l  | mg/L  | 0.5
            120    | cm    | m     | 1.2
            20     | ℃     | degC  | 20
            20     | °C    | degC  | 20
            101.3  | kPa   | kPa   | 101.3
            1013   | Pa    | kPa   | 1.013
            """)
    void convertsToTheCanonicalUnit(double value, String unit, String canonical, double expected) {
        assertThat(Units.convert(value, unit, canonical).getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            kg    | m3
            mg/L  | mg/m3
            furlong | m
            %     | mg/m3
            """)
    void refusesUnitsOfAnotherDimensionOrUnknownOnes(String unit, String canonical) {
        assertThat(Units.convert(1, unit, canonical)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void keepsTheValueWhenNoUnitIsGiven() {
        assertThat(Units.convert(7, null, "m3").getAsDouble()).isEqualTo(7);
    }
}
