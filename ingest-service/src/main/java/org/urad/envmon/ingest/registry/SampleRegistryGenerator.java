package org.urad.envmon.ingest.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.urad.envmon.ingest.reading.Family;

/**
 * Generates the sample registry shipped in {@code registry/sample/}: one over-exploitation zone,
 * 75 villages over the banner's real townships, 557 metered wells (20 of them control wells), the
 * coke-oven CEMS, ten sewage-plant water-quality monitors and 24 canal gates. Deterministic: a fixed
 * random seed, so the committed files can be checked against {@link #files()}.
 *
 * <p>Run {@code main} with the target directory (default
 * {@code ingest-service/src/main/resources/registry/sample}) to rewrite the files.
 */
public final class SampleRegistryGenerator {

    public static final String VERSION = "sample-4";
    static final String ZONE_ID = "ZONE-UMB";
    static final int VILLAGES = 75;
    static final int WELLS = 557;
    static final int CONTROL_WELLS = 20;
    /** Every this many wells, one that is not a control well reports through a SZY 206 terminal. */
    static final int SZY206_EVERY = 20;
    /** The administrative division code of Urad Middle Banner, the first three bytes of a terminal address. */
    static final String DIVISION = "150824";

    /** Township, approximate centre (lat, lon), villages in it, base control level (m a.s.l.). */
    private record Township(String name, double lat, double lon, int villages, double controlLevel) {}

    private static final List<Township> TOWNSHIPS = List.of(
            new Township("海流图镇", 41.57, 108.52, 12, 1045),
            new Township("乌加河镇", 41.34, 108.05, 10, 1023),
            new Township("德岭山镇", 41.45, 108.80, 9, 1035),
            new Township("石哈河镇", 41.62, 108.93, 8, 1054),
            new Township("温更镇", 41.40, 108.25, 7, 1028),
            new Township("呼勒斯太苏木", 41.72, 107.85, 6, 1040),
            new Township("新忽热苏木", 41.83, 108.60, 6, 1056),
            new Township("巴音乌兰苏木", 41.70, 108.15, 6, 1048),
            new Township("川井苏木", 41.84, 107.65, 6, 1050),
            new Township("甘其毛都镇", 41.86, 108.30, 5, 1052));

    private static final List<String> METER_TYPES = List.of("electromagnetic", "ultrasonic", "ic_card");

    private SampleRegistryGenerator() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "ingest-service/src/main/resources/registry/sample");
        Files.createDirectories(dir);
        for (Map.Entry<String, String> file : files().entrySet()) {
            Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** The sample seed files, by name, exactly as committed. */
    public static Map<String, String> files() {
        return SeedCsvWriter.write(seed(), SampleText.COMMENTS, SampleText.DESCRIPTIONS);
    }

    public static RegistrySeed seed() {
        Random random = new Random(20250101L);
        List<Village> villages = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        List<Well> wells = new ArrayList<>();
        int[] wellCounts = wellCounts(random);
        int[] controlWells = controlWellNumbers(random);
        int village = 0;
        int well = 0;
        for (Township township : TOWNSHIPS) {
            for (int v = 0; v < township.villages(); v++, village++) {
                String villageId = "V%03d".formatted(village + 1);
                String villageName = "示例嘎查村%02d".formatted(village + 1);
                double lat = clamp(township.lat() + (random.nextDouble() - 0.5) * 0.16, 41.3, 41.9);
                double lon = clamp(township.lon() + (random.nextDouble() - 0.5) * 0.24, 107.5, 109.0);
                double allocation = 0;
                for (int w = 1; w <= wellCounts[village]; w++, well++) {
                    boolean control = contains(controlWells, well);
                    String id = "W%04d".formatted(well + 1);
                    String name = villageName + "-" + w + "号机电井" + (control ? "（水位控制井）" : "");
                    devices.add(new Device(
                            id,
                            Family.WELL,
                            name,
                            Duration.ofHours(1),
                            round(clamp(lon + (random.nextDouble() - 0.5) * 0.03, 107.5, 109.0), 5),
                            round(clamp(lat + (random.nextDouble() - 0.5) * 0.02, 41.3, 41.9), 5),
                            true));
                    double wellAllocation = 20_000 + random.nextInt(121) * 500;
                    Double level = control ? round(township.controlLevel() + random.nextDouble() * 6 - 3, 1) : null;
                    String meter = METER_TYPES.get(random.nextInt(METER_TYPES.size()));
                    // The sample's control wells are also the zone's monitoring wells: they log the level.
                    wells.add(new Well(
                            id,
                            villageId,
                            ZONE_ID,
                            wellAllocation,
                            meter,
                            control,
                            level,
                            control,
                            true,
                            null,
                            control ? null : szy206Terminal(well + 1)));
                    allocation += wellAllocation;
                }
                villages.add(new Village(villageId, villageName, township.name(), ZONE_ID, allocation));
            }
        }
        double total =
                villages.stream().mapToDouble(Village::annualAllocationM3).sum();
        double cap = Math.ceil(total / 100_000) * 100_000;
        Zone zone = new Zone(ZONE_ID, "乌拉特中旗地下水超采区", "over_exploitation", cap);
        SampleOutlets outlets = new SampleOutlets();
        devices.addAll(outlets.devices());
        return new RegistrySeed(
                VERSION,
                List.of(zone),
                villages,
                devices,
                wells,
                outlets.monitors(),
                outlets.monitorParameters(),
                outlets.gates());
    }

    /**
     * The SZY 206 terminal of well number {@code n}, for every {@value #SZY206_EVERY}th from the sixth: address
     * A1 the division code (BCD), A2 the station number (binary, low byte first).
     */
    private static Terminal szy206Terminal(int n) {
        if (n % SZY206_EVERY != 6) {
            return null;
        }
        return new Terminal("szy206", DIVISION + "%02X%02X".formatted(n & 0xFF, n >> 8));
    }

    /** Every village gets at least 4 wells; the rest are spread at random, 557 in all. */
    private static int[] wellCounts(Random random) {
        int[] counts = new int[VILLAGES];
        java.util.Arrays.fill(counts, 4);
        for (int i = 4 * VILLAGES; i < WELLS; i++) {
            counts[random.nextInt(VILLAGES)]++;
        }
        return counts;
    }

    /** One control well in each twentieth of the well list, so they spread over the townships. */
    private static int[] controlWellNumbers(Random random) {
        int[] numbers = new int[CONTROL_WELLS];
        int stride = WELLS / CONTROL_WELLS;
        for (int i = 0; i < CONTROL_WELLS; i++) {
            numbers[i] = i * stride + random.nextInt(stride);
        }
        return numbers;
    }

    private static boolean contains(int[] values, int value) {
        return java.util.Arrays.stream(values).anyMatch(v -> v == value);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
