package org.urad.envmon.ingest.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.urad.envmon.ingest.bench.PanelTimer.PanelTime;

/** Panel timings as markdown: every panel slowest first, a summary per dashboard, the overall figures. */
final class PanelReport {

    private PanelReport() {}

    static String markdown(List<PanelTime> times, String setting) {
        StringBuilder out =
                new StringBuilder("\n### Dashboard panels: ").append(setting).append("\n\n");
        out.append("| dashboard | panel | median ms | median ms without JIT | first ms | rows |\n");
        out.append("|---|---|---:|---:|---:|---|\n");
        for (PanelTime t : slowestFirst(times)) {
            out.append(f(
                    "| %s | %s | %s | %s | %s | %s |\n",
                    t.dashboard(),
                    t.panel() + ("A".equals(t.refId()) ? "" : " (" + t.refId() + ")"),
                    ms(t.medianMillis()),
                    ms(t.medianNoJitMillis()),
                    ms(t.firstMillis()),
                    t.failed() ? "**error**: " + t.error().replace("|", "\\|") : f("%,d", t.rows())));
        }
        Map<String, List<PanelTime>> byDashboard = new LinkedHashMap<>();
        times.forEach(t -> byDashboard
                .computeIfAbsent(t.dashboard(), d -> new ArrayList<>())
                .add(t));
        out.append("\n| dashboard | panel queries | sum of medians ms | max median ms | errors |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<PanelTime>> e : byDashboard.entrySet()) {
            List<Double> medians = medians(e.getValue(), PanelTime::medianMillis);
            out.append(f(
                    "| %s | %d | %s | %s | %d |\n",
                    e.getKey(),
                    e.getValue().size(),
                    ms(medians.stream().mapToDouble(Double::doubleValue).sum()),
                    ms(medians.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)),
                    e.getValue().stream().filter(PanelTime::failed).count()));
        }
        List<Double> medians = medians(times, PanelTime::medianMillis);
        List<Double> noJit = medians(times, PanelTime::medianNoJitMillis);
        double max = medians.isEmpty() ? Double.NaN : medians.get(medians.size() - 1);
        double maxNoJit = noJit.isEmpty() ? Double.NaN : noJit.get(noJit.size() - 1);
        long errors = times.stream().filter(PanelTime::failed).count();
        out.append("\n| figure | value | target | met? |\n|---|---:|---|---|\n");
        out.append(f(
                "| panel queries timed / failed | %d / %d | none failed | %s |\n",
                times.size(), errors, met(errors == 0)));
        out.append(f(
                "| panel median, p50 / p95, ms, the server's JIT setting | %s / %s | | |\n",
                ms(percentile(medians, 50)), ms(percentile(medians, 95))));
        out.append(f("| slowest panel median, ms, the server's JIT setting | %s | | |\n", ms(max)));
        out.append(f(
                "| panel median, p50 / p95, ms, without JIT | %s / %s | | |\n",
                ms(percentile(noJit, 50)), ms(percentile(noJit, 95))));
        out.append(f(
                "| slowest panel median, ms, without JIT (Grafana's reader role: `jit = off`) | %s | ≤ %s | %s |\n",
                ms(maxNoJit),
                ms(Panels.SLOWEST_TARGET_MILLIS),
                met(errors == 0 && maxNoJit <= Panels.SLOWEST_TARGET_MILLIS)));
        return out.toString();
    }

    /** Failed queries first, then by median, slowest first. */
    static List<PanelTime> slowestFirst(List<PanelTime> times) {
        return times.stream()
                .sorted(Comparator.comparing((PanelTime t) -> !t.failed())
                        .thenComparing(Comparator.comparingDouble(PanelTime::medianMillis)
                                .reversed()))
                .toList();
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** One median of each panel that ran, sorted. */
    private static List<Double> medians(List<PanelTime> times, ToDoubleFunction<PanelTime> median) {
        return times.stream()
                .filter(t -> !t.failed())
                .map(t -> median.applyAsDouble(t))
                .sorted()
                .toList();
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "" : v < 10 ? f("%.1f", v) : f("%,.0f", v);
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
