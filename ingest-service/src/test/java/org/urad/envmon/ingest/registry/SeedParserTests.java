package org.urad.envmon.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.DefaultResourceLoader;

class SeedParserTests {

    private final SeedParser parser = new SeedParser(TestCatalogue.PARAMETERS);

    private RegistrySeed parse(String directory) {
        SeedFiles files = SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/" + directory);
        return parser.parse(files.directory(), files.files());
    }

    @Test
    void parsesAValidSeed() {
        RegistrySeed seed = parse("small");

        assertThat(seed.version()).isEqualTo("test-1");
        assertThat(seed.devices()).extracting(Device::id).containsExactly("W1", "W2", "W3", "C1", "Q1", "G1");
        assertThat(seed.wells().get(1).controlLevelM()).isEqualTo(1040.5);
        assertThat(seed.wells()).allSatisfy(w -> assertThat(w.zoneId()).isEqualTo("Z1"));
        assertThat(seed.monitorParameters()).hasSize(3);
        assertThat(seed.villages().get(1).township()).isEqualTo("温更镇");
    }

    @Test
    void villageWithoutAllocationGetsTheSumOfItsWells() {
        RegistrySeed seed = parse("small");

        assertThat(seed.villages()).extracting(Village::annualAllocationM3).containsExactly(50_000.0, 50_000.0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "bad-unknown-village          | wells.csv line 5: unknown village 'V9'",
                "bad-control-without-level    | wells.csv line 4: control well without control_level_m",
                "bad-duplicate-id             | gates.csv line 3: duplicate device id 'W1' (first in wells.csv line 3)",
                "bad-number                   | wells.csv line 3: bad number in annual_allocation_m3: '2万'",
                "bad-unknown-section-class    | gates.csv line 3: unknown section_class 'village_managed'",
                "bad-unknown-parameter        | monitor_parameters.csv line 3: parameter 'w01018' is not in the cems catalogue",
                "bad-missing-file             | gates.csv: file missing"
            })
    void refusesASeedNamingFileLineAndProblem(String directory, String problem) {
        assertThatThrownBy(() -> parse(directory))
                .isInstanceOf(RegistrySeedException.class)
                .hasMessageContaining("classpath:registry/" + directory + "/")
                .hasMessageContaining(problem)
                .satisfies(
                        e -> assertThat(((RegistrySeedException) e).problems()).hasSize(1));
    }

    private RegistrySeed parseWells(String... rows) {
        Map<String, byte[]> files =
                new HashMap<>(SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/small/")
                        .files());
        files.put(
                "wells.csv",
                ("# version: test-1\n" + String.join("\n", rows) + "\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return parser.parse("test", files);
    }

    @Test
    void readsTheReferenceO2OfALimitAndRefusesOneThatIsNoO2() {
        Map<String, byte[]> files =
                new HashMap<>(SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/small/")
                        .files());
        String header = "# version: test-1\n"
                + "device_id,parameter,unit,range_min,range_max,limit_value,limit_low,limit_cold,limit_o2_ref_pct\n";
        files.put(
                "monitor_parameters.csv",
                (header + "C1,a21026,mg/m3,0,100,30,,,8\nQ1,w21003,mg/L,0,20,5,,8,\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        RegistrySeed seed = parser.parse("test", files);

        assertThat(seed.monitorParameters())
                .extracting(MonitorParameter::limitO2RefPct)
                .containsExactly(8.0, null);
        files.put(
                "monitor_parameters.csv",
                (header + "C1,a21026,mg/m3,0,100,30,,,21\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThatThrownBy(() -> parser.parse("test", files)).hasMessageContaining("limit_o2_ref_pct 21.0");
    }

    @Test
    void readsWellRolesAndWellheadElevation() {
        RegistrySeed seed = parseWells(
                "id,name,village_id,role,lon,lat,annual_allocation_m3,meter_type,control_level_m,wellhead_elevation_m,"
                        + "reporting_interval",
                "W1,井1,V1,,,,20000,ultrasonic,,,PT1H",
                "W2,井2,V1,monitoring,,,,,,1050.5,P1D",
                "W3,井3,V2,monitoring|control,,,,,1040,,P1D",
                "W4,井4,V2, abstraction | control ,,,30000,ic_card,1041,,PT1H");

        assertThat(seed.wells())
                .extracting(Well::roles)
                .containsExactly("abstraction", "monitoring", "monitoring|control", "abstraction|control");
        assertThat(seed.wells().get(1).wellheadElevationM()).isEqualTo(1050.5);
        assertThat(seed.wells().get(1).levelFromDepth(12.5)).isEqualTo(1038.0);
        assertThat(seed.wells().get(1).annualAllocationM3()).isZero();
        assertThat(seed.wells().get(0).levelFromDepth(12.5)).isNull();
    }

    @Test
    void oldControlWellColumnStillGivesTheControlRole() {
        RegistrySeed seed = parse("small");

        assertThat(seed.wells())
                .extracting(Well::roles)
                .containsExactly("abstraction", "abstraction|control", "abstraction");
    }

    @Test
    void refusesUnknownOrContradictoryRolesAndControlWithoutLevel() {
        assertThatThrownBy(() -> parseWells(
                        "id,name,village_id,role,control_well,lon,lat,annual_allocation_m3,meter_type,control_level_m,"
                                + "reporting_interval",
                        "W1,井1,V1,observation,,,,20000,ultrasonic,,PT1H",
                        "W2,井2,V1,monitoring,true,,,,,1040,P1D",
                        "W3,井3,V1,control,,,,,,,P1D",
                        "W4,井4,V1,abstraction,,,,,ultrasonic,,P1D"))
                .isInstanceOfSatisfying(
                        RegistrySeedException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "wells.csv line 3: unknown role 'observation' (expected abstraction, monitoring,"
                                                + " control, several separated by |)",
                                        "wells.csv line 4: control_well true contradicts role 'monitoring'",
                                        "wells.csv line 5: control well without control_level_m",
                                        "wells.csv line 6: empty annual_allocation_m3"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, byte[]> files =
                new HashMap<>(SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/small/")
                        .files());
        files.put(
                "wells.csv",
                ("# version: test-1\n"
                                + "id,name,village_id,lon,lat,annual_allocation_m3,meter_type,control_well,control_level_m,"
                                + "reporting_interval\n"
                                + "W1,井,V1,999,41.5,-5,ultrasonic,yes,,1 hour\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> parser.parse("test", files))
                .isInstanceOfSatisfying(
                        RegistrySeedException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "wells.csv line 3: annual_allocation_m3 must not be negative: -5.0",
                                        "wells.csv line 3: control_well must be true or false, not 'yes'",
                                        "wells.csv line 3: reporting_interval must be a positive ISO-8601 duration such as"
                                                + " PT1H or PT5M, not '1 hour'",
                                        "wells.csv line 3: lon 999.0 is outside -180.0..180.0"));
    }

    @Test
    void refusesFilesWhoseVersionsDisagree() {
        Map<String, byte[]> files =
                new HashMap<>(SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/small/")
                        .files());
        String gates = new String(files.get("gates.csv"), java.nio.charset.StandardCharsets.UTF_8);
        files.put("gates.csv", gates.replace("test-1", "test-2").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> parser.parse("test", files))
                .hasMessageContaining("gates.csv: version 'test-2' differs from 'test-1' in zones.csv");
    }

    private RegistrySeed parseWellsAndGates(String[] wells, String... gates) {
        Map<String, byte[]> files =
                new HashMap<>(SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/small/")
                        .files());
        files.put("wells.csv", csv(wells));
        files.put("gates.csv", csv(gates));
        return parser.parse("test", files);
    }

    private static byte[] csv(String... rows) {
        return ("# version: test-1\n" + String.join("\n", rows) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final String WELL_HEADER =
            "id,name,village_id,lon,lat,annual_allocation_m3,meter_type,control_level_m,reporting_interval,"
                    + "protocol,terminal_address";
    private static final String GATE_HEADER =
            "id,name,canal,section_class,automated,lon,lat,reporting_interval,terminal_address,protocol";

    @Test
    void readsTerminalAddressAndProtocolOfWellsAndGates() {
        RegistrySeed seed = parseWellsAndGates(
                new String[] {
                    WELL_HEADER,
                    "W1,井1,V1,,,20000,ultrasonic,,PT1H,szy206,00123456ab",
                    "W2,井2,V1,,,20000,ultrasonic,,PT1H,,"
                },
                GATE_HEADER,
                "G1,闸1,支渠,mass_managed,true,,,PT5M,0012345678,sl651");

        assertThat(seed.wells().get(0).terminal()).isEqualTo(new Terminal("szy206", "00123456AB"));
        assertThat(seed.wells().get(1).terminal()).isNull();
        assertThat(seed.gates().get(0).terminal()).isEqualTo(new Terminal("sl651", "0012345678"));
    }

    @Test
    void refusesHalfATerminalABadOneAndAnAddressGivenTwice() {
        assertThatThrownBy(() -> parseWellsAndGates(
                        new String[] {
                            WELL_HEADER,
                            "W1,井1,V1,,,20000,ultrasonic,,PT1H,szy206,",
                            "W2,井2,V1,,,20000,ultrasonic,,PT1H,modbus,0012345678",
                            "W3,井3,V1,,,20000,ultrasonic,,PT1H,szy206,12345",
                            "W4,井4,V1,,,20000,ultrasonic,,PT1H,sl651,0012345678"
                        },
                        GATE_HEADER,
                        "G1,闸1,支渠,mass_managed,true,,,PT5M,0012345678,sl651",
                        "G2,闸2,支渠,mass_managed,true,,,PT5M,0012345678,szy206"))
                .isInstanceOfSatisfying(
                        RegistrySeedException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "wells.csv line 3: terminal_address and protocol go together: give both or"
                                                + " neither",
                                        "wells.csv line 4: terminal 'modbus' '0012345678' is not one of szy206, sl651"
                                                + " with ten hex digits",
                                        "wells.csv line 5: terminal 'szy206' '12345' is not one of szy206, sl651 with"
                                                + " ten hex digits",
                                        "gates.csv line 3: duplicate sl651 terminal_address '0012345678' (first in"
                                                + " wells.csv line 6)"));
    }

    @Test
    void writtenFilesKeepTheTerminalsAndParseBack() {
        RegistrySeed seed = parseWellsAndGates(
                new String[] {WELL_HEADER, "W1,井1,V1,,,20000,ultrasonic,,PT1H,szy206,00123456AB"},
                GATE_HEADER,
                "G1,闸1,支渠,mass_managed,true,,,PT5M,,");
        Map<String, byte[]> written = new HashMap<>();
        SeedCsvWriter.write(seed, java.util.List.of(), Map.of())
                .forEach((file, text) -> written.put(file, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        RegistrySeed again = parser.parse("written", written);

        assertThat(again.wells()).isEqualTo(seed.wells());
        assertThat(again.gates()).isEqualTo(seed.gates());
        assertThat(new String(written.get("gates.csv"), java.nio.charset.StandardCharsets.UTF_8))
                .doesNotContain("terminal_address");
    }
}
