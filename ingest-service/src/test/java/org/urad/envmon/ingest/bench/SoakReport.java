package org.urad.envmon.ingest.bench;

import java.util.List;
import java.util.Locale;
import org.urad.envmon.ingest.bench.SoakSample.Size;

/** A soak run as markdown: the samples, growth per simulated day with a year's projection, the trends. */
final class SoakReport {

    private static final double MB = 1024.0 * 1024.0;

    private SoakReport() {}

    static String markdown(
            List<SoakSample> samples, String setting, Trend heap, Trend rss, double maxGrowthPerDay, String engine) {
        StringBuilder out = new StringBuilder("\n### Soak: ").append(setting).append("\n\n");
        out.append("| wall min | sim h | CPU service % | CPU broker % | CPU PostgreSQL % | RSS MB"
                + " | heap after GC MB | readings MB | rollups MB | alerts MB | quarantine MB | all tables MB"
                + " | readings stored | alerts | notifications | extract s |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SoakSample s : samples) {
            out.append(f(
                    "| %.1f | %.1f | %.0f | %.1f | %.0f | %.0f | %.0f | %.1f | %.1f | %.1f | %.2f | %.1f | %,d | %,d | %,d | %s |\n",
                    s.wallSeconds() / 60,
                    s.simulatedDays() * 24,
                    s.serviceCpu(),
                    s.brokerCpu(),
                    s.postgresCpu(),
                    s.rssMb(),
                    s.heapAfterGcMb(),
                    mb(s, "readings"),
                    mb(s, "rollups"),
                    mb(s, "alerts"),
                    mb(s, "quarantine"),
                    s.totalBytes() / MB,
                    s.readingsStored(),
                    s.alerts(),
                    s.notifications(),
                    Double.isNaN(s.extractSeconds()) ? "" : f("%.2f", s.extractSeconds())));
        }
        SoakSample first = samples.get(0);
        SoakSample last = samples.get(samples.size() - 1);
        double days = last.simulatedDays() - first.simulatedDays();
        out.append(f(
                "\nGrowth per simulated day (first to last sample, %.2f simulated days, %s), and a year of data at"
                        + " real time (× 365):\n\n",
                days, engine));
        out.append(
                "| tables | table MB/day | index MB/day | table GB/year | index GB/year |\n|---|---:|---:|---:|---:|\n");
        for (String group : SoakProbe.GROUPS) {
            Size a = first.sizes().get(group);
            Size b = last.sizes().get(group);
            double table = (b.table() - a.table()) / MB / days;
            double index = (b.index() - a.index()) / MB / days;
            out.append(f(
                    "| %s | %.2f | %.2f | %.2f | %.2f |\n",
                    group, table, index, table * 365 / 1024, index * 365 / 1024));
        }
        double rows = (last.readingsStored() - first.readingsStored()) / days;
        out.append(f(
                "\nReadings per simulated day: %,.0f (%,.0f a year). Alerts opened in the run: %,d;"
                        + " notifications delivered: %,d.\n",
                rows, rows * 365, last.alerts() - first.alerts(), last.notifications()));
        out.append(f("\nTrend over the second half (limit +%.0f %% per simulated day):\n\n", 100 * maxGrowthPerDay));
        out.append(trend("heap after GC", heap));
        out.append(trend("RSS", rss));
        out.append(f("\ntrend: %s\n", failed(heap, rss) ? "FAILED" : passed(heap, rss) ? "ok" : "too few points"));
        return out.toString();
    }

    static boolean failed(Trend heap, Trend rss) {
        return heap.verdict() == Trend.Verdict.FAILED || rss.verdict() == Trend.Verdict.FAILED;
    }

    private static boolean passed(Trend heap, Trend rss) {
        return heap.verdict() == Trend.Verdict.OK && rss.verdict() == Trend.Verdict.OK;
    }

    private static String trend(String name, Trend t) {
        return f(
                "- %s: %+.1f MB per simulated day on a level of %.0f MB = %+.1f %% per day over %d samples: %s\n",
                name, t.slopePerDay(), t.level(), 100 * t.growthPerDay(), t.points(), t.verdict());
    }

    private static double mb(SoakSample s, String group) {
        return s.sizes().get(group).total() / MB;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
