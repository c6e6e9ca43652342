package org.urad.envmon.ingest.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;

/** Verifies the console's pure parts: the readings chart, the well plot, the hex dump and device states. */
class ConsoleCoresTests {

    private static final Instant T0 = Instant.parse("2025-07-01T00:00:00Z");

    @Test
    void chartPutsTheFirstReadingLeftTheLastRightAndTheHighestOnTop() {
        List<ReadingChart.Point> points =
                List.of(new ReadingChart.Point(T0, 10), new ReadingChart.Point(T0.plus(Duration.ofHours(10)), 20));
        ReadingChart chart = ReadingChart.of(
                points, T0, T0.plus(Duration.ofHours(10)), 15.0, T0.plus(Duration.ofHours(5)), null, ZoneId.of("UTC"));
        assertThat(chart.points()).isEqualTo("60.0,170.0 630.0,10.0");
        assertThat(chart.targetY()).isEqualTo(90.0);
        assertThat(chart.low()).isEqualTo("10");
        assertThat(chart.high()).isEqualTo("20");
        assertThat(chart.bandX()).isEqualTo(345.0);
        assertThat(chart.from()).isEqualTo("2025-07-01 00:00");
    }

    @Test
    void chartOfAFlatLineOrNoReadingsStillHasARange() {
        ReadingChart flat = ReadingChart.of(
                List.of(new ReadingChart.Point(T0, 5)), T0, T0.plusSeconds(60), null, null, null, ZoneId.of("UTC"));
        assertThat(flat.low()).isEqualTo("4");
        assertThat(flat.high()).isEqualTo("6");
        assertThat(ReadingChart.of(List.of(), T0, T0.plusSeconds(60), null, null, null, ZoneId.of("UTC"))
                        .count())
                .isZero();
    }

    @Test
    void wellPlotKeepsNorthUpAndEastRight() {
        DeviceStatus west = status("W1", 108.0, 41.0, T0);
        DeviceStatus east = status("W2", 109.0, 41.5, T0);
        WellPlot plot = WellPlot.of(List.of(west, east, status("W3", null, null, T0)));
        assertThat(plot.dots()).hasSize(2);
        WellPlot.Dot a = plot.dots().get(0);
        WellPlot.Dot b = plot.dots().get(1);
        assertThat(b.x()).isGreaterThan(a.x());
        assertThat(b.y()).isLessThan(a.y());
        assertThat(plot.dots()).allSatisfy(d -> {
            assertThat(d.x()).isBetween(0.0, (double) WellPlot.WIDTH);
            assertThat(d.y()).isBetween(0.0, (double) WellPlot.HEIGHT);
        });
    }

    @Test
    void silentDevicesComeFirstNeverHeardOfBeforeLongSilent() {
        Instant now = T0.plus(Duration.ofDays(1));
        Device hourly = device("A", true);
        Device neverSeen = device("B", true);
        Device longSilent = device("C", true);
        Device inactive = device("D", false);
        List<DeviceStatus> sorted = DeviceStatus.sorted(
                List.of(hourly, neverSeen, longSilent, inactive),
                Map.of("A", now.minus(Duration.ofMinutes(30)), "C", now.minus(Duration.ofHours(5))),
                java.util.Set.of("C", "D"),
                Map.of());
        assertThat(sorted)
                .extracting(s -> s.device().id() + ":" + s.status())
                .containsExactly("B:silent", "C:silent", "A:ok", "D:inactive");
    }

    @Test
    void hexDumpShowsOffsetsBytesAndPrintableText() {
        String hex = HexDump.hex("##0101QN=1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(hex).startsWith("00000000  23 23 30 31 30 31 51 4e  3d 31 0d 0a");
        assertThat(hex).contains("|##0101QN=1..|");
    }

    @Test
    void textShowsControlCharactersAsDotsAndReadsGb18030() {
        assertThat(HexDump.text(new byte[] {'a', 0, 0x1b, 'b'})).isEqualTo("a··b");
        assertThat(HexDump.text("监测".getBytes(Charset.forName("GB18030")))).isEqualTo("监测");
    }

    @Test
    void periodPickerBuildsWhatReportPeriodReads() {
        assertThat(ExtractPages.period("quarter", 2025, 3, 1)).isEqualTo("2025-Q3");
        assertThat(ExtractPages.period("month", 2025, 1, 7)).isEqualTo("2025-07");
        assertThat(ExtractPages.period("year", 2025, 1, 1)).isEqualTo("2025");
    }

    private static Device device(String id, boolean active) {
        return new Device(id, Family.WELL, id, Duration.ofHours(1), 108.0, 41.0, active);
    }

    private static DeviceStatus status(String id, Double lon, Double lat, Instant seen) {
        return DeviceStatus.of(
                new Device(id, Family.WELL, id, Duration.ofHours(1), lon, lat, true), seen, false, null, null);
    }
}
