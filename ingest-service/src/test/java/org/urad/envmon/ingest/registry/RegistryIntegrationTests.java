package org.urad.envmon.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urad.envmon.ingest.reading.Family;

/** Verifies loading the sample registry into a real PostgreSQL and reading it back. */
class RegistryIntegrationTests {

    private static final String SAMPLE = "classpath:registry/sample/";

    private RegistryFixture db;

    @BeforeEach
    void freshDatabase() {
        db = new RegistryFixture();
    }

    @AfterEach
    void closePool() {
        db.close();
    }

    @Test
    void loadsTheSampleAndReadsItBack() {
        RegistrySeedLoader.Result result = db.service.loadSeed(SAMPLE);
        Registry registry = db.service.current();

        assertThat(result.loaded()).isTrue();
        assertThat(result.devices()).isEqualTo(557 + 12 + 24);
        assertThat(registry.devices())
                .hasSize(593)
                .allSatisfy(d -> assertThat(d.active()).isTrue());
        assertThat(registry.devices().stream().filter(d -> d.family() == Family.WELL))
                .hasSize(557);
        assertThat(db.count("SELECT count(*) FROM village")).isEqualTo(75);
        assertThat(db.service.data().villages()).hasSize(75);

        Well control = SampleRegistryGenerator.seed().wells().stream()
                .filter(Well::controlWell)
                .findFirst()
                .orElseThrow();
        assertThat(registry.well(control.deviceId())).contains(control);
        assertThat(registry.monitorByMn("150824310000000000000001"))
                .hasValueSatisfying(m -> assertThat(m.deviceId()).isEqualTo("CEMS-SHENHUA-COKE"));
        assertThat(registry.monitorParameter("WQ-LVJIE", "w21003"))
                .hasValueSatisfying(p -> assertThat(p.limitCold()).isEqualTo(8.0));
        assertThat(registry.parameterBy2005Code(Family.CEMS, "02"))
                .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("a21026"));
        assertThat(registry.device("GATE-01").orElseThrow().reportingInterval()).hasMinutes(5);
        assertThat(db.jdbc.queryForMap("SELECT version, source, devices, length(checksum) AS len FROM registry_load"))
                .containsEntry("version", SampleRegistryGenerator.VERSION)
                .containsEntry("source", SAMPLE)
                .containsEntry("devices", 593)
                .containsEntry("len", 64);
    }

    @Test
    void loadingTheSameSeedAgainRecordsNoNewLoad() {
        db.service.loadSeed(SAMPLE);

        RegistrySeedLoader.Result again = db.service.loadSeed(SAMPLE);

        assertThat(again.loaded()).isFalse();
        assertThat(db.count("SELECT count(*) FROM registry_load")).isEqualTo(1);
    }

    @Test
    void aChangedSeedMarksDevicesItOmitsInactive(@TempDir Path dir) throws IOException {
        db.service.loadSeed(SAMPLE);
        for (Map.Entry<String, String> file : SampleRegistryGenerator.files().entrySet()) {
            String text = file.getValue().replace("# version: sample-4", "# version: sample-4-without-W0557");
            if (file.getKey().equals("wells.csv")) {
                text = text.replaceAll("(?m)^W0557,.*\\n", "");
            }
            Files.writeString(dir.resolve(file.getKey()), text);
        }
        String location = dir.toUri().toString();

        RegistrySeedLoader.Result result = db.service.loadSeed(location);

        assertThat(result.loaded()).isTrue();
        assertThat(result.deactivated()).isEqualTo(1);
        assertThat(db.service.current().device("W0557"))
                .hasValueSatisfying(d -> assertThat(d.active()).isFalse());
        assertThat(db.service.current().device("W0556"))
                .hasValueSatisfying(d -> assertThat(d.active()).isTrue());
        assertThat(db.jdbc.queryForList("SELECT version FROM registry_load ORDER BY id", String.class))
                .containsExactly("sample-4", "sample-4-without-W0557");
    }

    @Test
    void aRefusedSeedLeavesThePreviousRegistryInPlace() {
        db.service.loadSeed(SAMPLE);

        assertThatThrownBy(() -> db.service.loadSeed("classpath:registry/bad-unknown-village/"))
                .isInstanceOf(RegistrySeedException.class)
                .hasMessageContaining("wells.csv line 5: unknown village 'V9'");

        assertThat(db.count("SELECT count(*) FROM registry_load")).isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM device WHERE active")).isEqualTo(593);
        assertThat(db.service.current().device("W1")).isEmpty();
    }

    @Test
    void aMonitorParameterDroppedFromTheSeedIsRemoved() {
        db.service.loadSeed("classpath:registry/small/");
        assertThat(db.service.current().monitorParameter("Q1", "w01001")).isPresent();

        db.service.loadSeed("classpath:registry/small-changed/");

        assertThat(db.service.current().monitorParameter("Q1", "w01001")).isEmpty();
        assertThat(db.service.current().device("G1"))
                .hasValueSatisfying(d -> assertThat(d.active()).isFalse());
        assertThat(db.service.current().gate("G1")).isPresent();
    }

    private static String withTerminals(Path dir, String version, String w1, String g1) throws IOException {
        for (String file : RegistrySeed.FILES) {
            String text = new String(
                    SeedFiles.read(new org.springframework.core.io.DefaultResourceLoader(), "classpath:registry/small/")
                            .files()
                            .get(file),
                    java.nio.charset.StandardCharsets.UTF_8);
            text = text.replace("# version: test-1", "# version: " + version);
            if (file.equals("wells.csv")) {
                text = text.replace("reporting_interval\n", "reporting_interval,protocol,terminal_address\n")
                        .replaceAll("(?m)^(W1,.*)$", "$1," + w1)
                        .replaceAll("(?m)^(W[23],.*)$", "$1,,");
            } else if (file.equals("gates.csv")) {
                text = text.replace("reporting_interval\n", "reporting_interval,protocol,terminal_address\n")
                        .replaceAll("(?m)^(G1,.*)$", "$1," + g1);
            }
            Files.writeString(dir.resolve(file), text);
        }
        return dir.toUri().toString();
    }

    @Test
    void storesTerminalAddressesAndLetsAnAddressMoveToAnotherDevice(@TempDir Path one, @TempDir Path two)
            throws IOException {
        db.service.loadSeed(withTerminals(one, "t-1", "szy206,00123456AB", "sl651,0099000001"));

        Registry registry = db.service.current();
        assertThat(registry.deviceByTerminal("szy206", "00123456AB"))
                .hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("W1"));
        assertThat(registry.deviceByTerminal("sl651", "0099000001"))
                .hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("G1"));
        assertThat(registry.well("W1").orElseThrow().terminal()).isEqualTo(new Terminal("szy206", "00123456AB"));

        db.service.loadSeed(withTerminals(two, "t-2", ",", "szy206,00123456AB"));

        registry = db.service.current();
        assertThat(registry.deviceByTerminal("szy206", "00123456AB"))
                .hasValueSatisfying(d -> assertThat(d.id()).isEqualTo("G1"));
        assertThat(registry.deviceByTerminal("sl651", "0099000001")).isEmpty();
        assertThat(registry.well("W1").orElseThrow().terminal()).isNull();
        assertThat(db.count("SELECT count(*) FROM terminal")).isEqualTo(1);
    }
}
