package org.urad.envmon.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.urad.envmon.ingest.reading.Family;

class SampleRegistryGeneratorTests {

    private final RegistrySeed seed = SampleRegistryGenerator.seed();

    @Test
    void committedSampleFilesEqualTheGeneratorsOutput() {
        SeedFiles committed = SeedFiles.read(new DefaultResourceLoader(), "classpath:registry/sample/");
        Map<String, String> generated = SampleRegistryGenerator.files();

        assertThat(generated.keySet()).containsExactlyElementsOf(RegistrySeed.FILES);
        generated.forEach(
                (file, text) -> assertThat(new String(committed.files().get(file), StandardCharsets.UTF_8))
                        .as("%s differs from the generator's output: run SampleRegistryGenerator.main", file)
                        .isEqualTo(text));
    }

    @Test
    void generatesTheSameSeedEveryTime() {
        assertThat(SampleRegistryGenerator.seed()).isEqualTo(seed);
        assertThat(SampleRegistryGenerator.files()).isEqualTo(SampleRegistryGenerator.files());
    }

    @Test
    void sampleFilesParseBackIntoTheGeneratedSeed() {
        Map<String, byte[]> bytes = SampleRegistryGenerator.files().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().getBytes(StandardCharsets.UTF_8)));

        assertThat(new SeedParser(TestCatalogue.PARAMETERS).parse("sample", bytes))
                .isEqualTo(seed);
    }

    @Test
    void has557WellsIn75VillagesOfOneZone() {
        assertThat(seed.zones()).singleElement().satisfies(z -> {
            assertThat(z.id()).isEqualTo("ZONE-UMB");
            assertThat(z.name()).isEqualTo("乌拉特中旗地下水超采区");
            assertThat(z.annualCapM3()).isGreaterThanOrEqualTo(sum(seed));
        });
        assertThat(seed.villages()).hasSize(75);
        assertThat(seed.villages().get(0).id()).isEqualTo("V001");
        assertThat(seed.villages().get(74).id()).isEqualTo("V075");
        assertThat(seed.villages()).allSatisfy(v -> assertThat(v.name()).startsWith("示例嘎查村"));
        assertThat(seed.wells()).hasSize(557);
        assertThat(seed.wells().get(0).deviceId()).isEqualTo("W0001");
        assertThat(seed.wells().get(556).deviceId()).isEqualTo("W0557");
        assertThat(seed.villages().stream().map(Village::township).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "海流图镇", "乌加河镇", "德岭山镇", "石哈河镇", "温更镇", "呼勒斯太苏木", "新忽热苏木", "巴音乌兰苏木", "川井苏木", "甘其毛都镇");
    }

    @Test
    void villageAllocationIsTheSumOfItsWells() {
        Map<String, Double> sums = seed.wells().stream()
                .collect(Collectors.groupingBy(Well::villageId, Collectors.summingDouble(Well::annualAllocationM3)));
        assertThat(seed.villages())
                .allSatisfy(v -> assertThat(v.annualAllocationM3()).isEqualTo(sums.get(v.id())));
        assertThat(seed.wells())
                .allSatisfy(w -> assertThat(w.annualAllocationM3()).isBetween(10_000.0, 99_999.0));
    }

    @Test
    void controlWellsHavePlausibleControlLevels() {
        assertThat(seed.wells().stream().filter(Well::controlWell))
                .hasSize(20)
                .allSatisfy(w -> assertThat(w.controlLevelM()).isBetween(1020.0, 1060.0));
        assertThat(seed.wells().stream().filter(w -> !w.controlWell()))
                .allSatisfy(w -> assertThat(w.controlLevelM()).isNull());
    }

    @Test
    void devicesLieInTheBannerAndReportAtTheirFamilysInterval() {
        assertThat(seed.devices()).allSatisfy(d -> {
            assertThat(d.lat()).isBetween(41.3, 41.9);
            assertThat(d.lon()).isBetween(107.5, 109.0);
        });
        Map<Family, Set<String>> intervals = seed.devices().stream()
                .collect(Collectors.groupingBy(
                        Device::family,
                        Collectors.mapping(d -> d.reportingInterval().toString(), Collectors.toSet())));
        assertThat(intervals)
                .containsEntry(Family.WELL, Set.of("PT1H"))
                .containsEntry(Family.CEMS, Set.of("PT1M"))
                .containsEntry(Family.WATER_QUALITY, Set.of("PT1H"))
                .containsEntry(Family.GATE, Set.of("PT5M"));
    }

    @Test
    void monitorsAndGatesCarryTheRealNamesAndLimits() {
        Monitor cems = seed.monitors().stream()
                .filter(m -> m.deviceId().equals("CEMS-SHENHUA-COKE"))
                .findFirst()
                .orElseThrow();
        assertThat(cems.enterprise()).isEqualTo("神华巴彦淖尔能源有限责任公司");
        assertThat(cems.outlet()).isEqualTo("焦炉烟气总排口");
        assertThat(cems.mn()).hasSize(24);
        assertThat(seed.monitors())
                .filteredOn(m -> m.kind() == Family.WATER_QUALITY)
                .hasSize(10);
        assertThat(seed.monitors())
                .filteredOn(Monitor::hasAutoSampler)
                .extracting(Monitor::enterprise)
                .contains("乌拉特中旗洁源污水处理有限公司", "蒙源水务有限公司污水处理厂", "滤洁污水处理厂");
        assertThat(seed.monitors())
                .anySatisfy(m -> assertThat(m.hasAutoSampler()).isFalse());
        assertThat(seed.monitorParameters())
                .filteredOn(p -> p.deviceId().equals("CEMS-SHENHUA-COKE") && p.limitValue() != null)
                .extracting(MonitorParameter::parameter, MonitorParameter::limitValue)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("a21026", 30.0),
                        org.assertj.core.groups.Tuple.tuple("a21002", 150.0),
                        org.assertj.core.groups.Tuple.tuple("a34013", 10.0));
        assertThat(seed.monitorParameters())
                .filteredOn(
                        p -> p.deviceId().equals("WQ-JIEYUAN") && p.parameter().equals("w21003"))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.limitValue()).isEqualTo(5.0);
                    assertThat(p.limitCold()).isEqualTo(8.0);
                });
        assertThat(seed.gates())
                .hasSize(24)
                .anySatisfy(g -> assertThat(g.canal()).isEqualTo("友谊支渠"));
        assertThat(seed.gates().stream().map(Gate::sectionClass).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("state_managed", "mass_managed");
        assertThat(seed.gates().stream().map(Gate::automated).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(true, false);
    }

    private static double sum(RegistrySeed seed) {
        return seed.wells().stream().mapToDouble(Well::annualAllocationM3).sum();
    }
}
