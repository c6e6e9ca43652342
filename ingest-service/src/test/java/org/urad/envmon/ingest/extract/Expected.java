package org.urad.envmon.ingest.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Expected indicator values computed straight from the raw readings, without the extract's code paths. */
final class Expected {

    private Expected() {}

    static LocalDate localDay(Instant ts) {
        return LocalDate.ofInstant(ts, ReportPeriod.ZONE);
    }

    /** Mean level of one well over the local days the key function maps to {@code key}. */
    static OptionalDouble wellMean(List<History.Raw> raw, String well, Function<LocalDate, Object> group, Object key) {
        return raw.stream()
                .filter(r -> r.device().equals(well) && r.parameter().equals("gw_level"))
                .filter(r -> group.apply(localDay(r.ts())).equals(key))
                .mapToDouble(History.Raw::value)
                .average();
    }

    /** Zone mean: the mean of its wells' means over the group. */
    static Double zoneMean(List<History.Raw> raw, Function<LocalDate, Object> group, Object key) {
        OptionalDouble m = History.CONTROL_WELLS.stream()
                .map(w -> wellMean(raw, w, group, key))
                .filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble)
                .average();
        return m.isPresent() ? m.getAsDouble() : null;
    }

    static Double monthMean(List<History.Raw> raw, YearMonth ym) {
        return zoneMean(raw, YearMonth::from, ym);
    }

    static Double quarterMean(List<History.Raw> raw, LocalDate quarterStart) {
        return zoneMean(raw, ReportPeriod::quarterStart, quarterStart);
    }

    static int stableRun(List<History.Raw> raw, YearMonth end) {
        int run = 0;
        for (YearMonth m = end; ; m = m.minusMonths(1)) {
            Double now = monthMean(raw, m);
            Double before = monthMean(raw, m.minusMonths(12));
            if (now == null || before == null || Math.abs(now - before) > 0.5) {
                return run;
            }
            run++;
        }
    }

    static int declineRun(List<History.Raw> raw, LocalDate lastQuarter) {
        int run = 0;
        for (LocalDate q = lastQuarter; ; q = q.minusMonths(3)) {
            Double now = quarterMean(raw, q);
            Double before = quarterMean(raw, q.minusMonths(3));
            if (now == null || before == null || now >= before) {
                return run;
            }
            run++;
        }
    }

    /**
     * Sum of positive differences between successive readings of a cumulative meter in [from, to),
     * starting from the last reading before {@code from}, so that periods add up.
     */
    static double volume(List<History.Raw> raw, String device, Instant from, Instant to) {
        List<History.Raw> meter = raw.stream()
                .filter(r -> r.device().equals(device) && r.parameter().equals("volume_total"))
                .sorted(Comparator.comparing(History.Raw::ts))
                .toList();
        List<History.Raw> rows = new java.util.ArrayList<>();
        meter.stream().filter(r -> r.ts().isBefore(from)).reduce((a, b) -> b).ifPresent(rows::add);
        if (rows.isEmpty() || meter.stream().noneMatch(r -> !r.ts().isBefore(from) && r.ts().isBefore(to))) {
            rows.clear();
        }
        meter.stream()
                .filter(r -> !r.ts().isBefore(from) && r.ts().isBefore(to))
                .forEach(rows::add);
        double total = 0;
        for (int i = 1; i < rows.size(); i++) {
            total += Math.max(0, rows.get(i).value() - rows.get(i - 1).value());
        }
        return total;
    }

    static Map<String, Indicator> bySubject(ExtractReport report, String key) {
        return report.indicators().stream()
                .filter(i -> i.key().equals(key))
                .collect(Collectors.toMap(Indicator::subject, i -> i));
    }

    static Indicator one(ExtractReport report, String key, String subject) {
        Indicator i = bySubject(report, key).get(subject);
        if (i == null) {
            throw new AssertionError("no " + key + " for " + subject + " in "
                    + report.indicators().stream()
                            .filter(x -> x.key().equals(key))
                            .map(Indicator::subject)
                            .toList());
        }
        return i;
    }
}
