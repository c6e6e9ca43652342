package org.urad.envmon.ingest.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.config.IngestProperties;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Gate;
import org.urad.envmon.ingest.registry.ParameterSpec;
import org.urad.envmon.ingest.registry.RegistrySnapshot;
import org.urad.envmon.ingest.registry.Terminal;
import org.urad.envmon.ingest.registry.Well;

/**
 * A registry whose well reports through the SZY 206 terminal of the golden frame {@code szy206/flow-report-c0.hex}
 * and whose gate reports through the SL 651 station of {@code sl651/timed-report-32.hex}.
 */
public final class TerminalRegistry {

    public static final String WELL = "W0001";
    public static final String WELL_TERMINAL = "5303810D00";
    public static final String GATE = "GATE-TEST";
    public static final String GATE_STATION = "0011223344";

    private TerminalRegistry() {}

    public static RegistrySnapshot create() {
        return new RegistrySnapshot(
                List.of(
                        new Device(WELL, Family.WELL, "测试井1", Duration.ofHours(1), 108.5, 41.5, true),
                        new Device(GATE, Family.GATE, "测试闸", Duration.ofMinutes(5), 108.3, 41.2, true)),
                List.of(
                        new ParameterSpec(
                                Family.WELL, "gw_level", "地下水水位", "groundwater level", "m", -500.0, 9000.0, null),
                        new ParameterSpec(
                                Family.WELL, "volume_total", "累计取水量", "cumulative abstraction", "m3", 0.0, 1e9, null),
                        new ParameterSpec(Family.WELL, "flow", "瞬时流量", "pumping flow", "m3/h", 0.0, 1e6, null),
                        new ParameterSpec(Family.GATE, "flow", "过闸流量", "flow", "m3/s", 0.0, 2000.0, null),
                        new ParameterSpec(Family.GATE, "level", "闸前水位", "water level", "m", -10.0, 5000.0, null)),
                List.of(new Well(
                        WELL,
                        "V001",
                        "ZONE-UMB",
                        30000,
                        "electromagnetic",
                        false,
                        null,
                        false,
                        true,
                        null,
                        new Terminal("szy206", WELL_TERMINAL))),
                List.of(),
                List.of(),
                List.of(new Gate(GATE, "友谊支渠", "mass_managed", true, new Terminal("sl651", GATE_STATION))));
    }

    /** {@code base} accepting readings up to twenty years old: the SL 651 golden frames were observed in 2017. */
    public static IngestProperties acceptingOldReadings(IngestProperties base) {
        IngestProperties.Limits limits = base.limits();
        return new IngestProperties(
                base.mqtt(),
                base.buffer(),
                new IngestProperties.Limits(
                        limits.maxPayloadBytes(),
                        limits.maxReadingsPerMessage(),
                        limits.maxFutureSkew(),
                        Duration.ofDays(365 * 20),
                        limits.deviceMessagesPerMinute(),
                        limits.deviceBurst(),
                        limits.tcpConnectionsPerAddress()),
                base.hj212(),
                base.manualValuesValid());
    }

    /** A golden frame under {@code src/test/resources}: hex text, {@code #} lines say where it came from. */
    public static byte[] golden(String path) {
        try (InputStream in = TerminalRegistry.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden frame " + path);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .filter(l -> !l.startsWith("#"))
                    .map(String::strip)
                    .collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
