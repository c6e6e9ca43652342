package org.urad.envmon.ingest.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reporting period in local time (Asia/Shanghai): a month {@code 2025-07}, a quarter {@code 2025-Q3},
 * a year {@code 2025} or a date range {@code 2025-07-01..2025-08-15} (both days included).
 *
 * @param start first local day, inclusive
 * @param end day after the last local day, exclusive
 */
public record ReportPeriod(String label, LocalDate start, LocalDate end) {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final Pattern YEAR = Pattern.compile("(\\d{4})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:\\.\\.|/)(\\d{4}-\\d{2}-\\d{2})");

    public ReportPeriod {
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("period must end after it starts: " + label);
        }
    }

    /** Parses a period; throws {@link IllegalArgumentException} with a readable message otherwise. */
    public static ReportPeriod parse(String text) {
        String s = text == null ? "" : text.trim();
        try {
            Matcher m;
            if ((m = YEAR.matcher(s)).matches()) {
                LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), 1, 1);
                return new ReportPeriod(s, start, start.plusYears(1));
            }
            if ((m = QUARTER.matcher(s)).matches()) {
                int q = Integer.parseInt(m.group(2));
                LocalDate start = LocalDate.of(Integer.parseInt(m.group(1)), 3 * q - 2, 1);
                return new ReportPeriod(m.group(1) + "-Q" + q, start, start.plusMonths(3));
            }
            if ((m = MONTH.matcher(s)).matches()) {
                YearMonth month = YearMonth.parse(s);
                return new ReportPeriod(s, month.atDay(1), month.plusMonths(1).atDay(1));
            }
            if ((m = RANGE.matcher(s)).matches()) {
                LocalDate first = LocalDate.parse(m.group(1));
                LocalDate last = LocalDate.parse(m.group(2));
                return new ReportPeriod(first + ".." + last, first, last.plusDays(1));
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("not a valid period: " + s, e);
        }
        throw new IllegalArgumentException(
                "not a period (expected 2025-07, 2025-Q3, 2025 or 2025-07-01..2025-07-31): " + s);
    }

    /** True if the period spans more than {@code max} from its first day. */
    public boolean longerThan(Period max) {
        return start.plus(max).isBefore(end);
    }

    public Instant startInstant() {
        return start.atStartOfDay(ZONE).toInstant();
    }

    public Instant endInstant() {
        return end.atStartOfDay(ZONE).toInstant();
    }

    /** The period's end, or {@code now} if the period is still running. */
    public Instant observedEnd(Instant now) {
        Instant end = endInstant();
        return now.isBefore(end) ? (now.isAfter(startInstant()) ? now : startInstant()) : end;
    }

    /** First day of the year the period ends in: the start of year-to-date figures. */
    public LocalDate yearStart() {
        return LocalDate.of(end.minusDays(1).getYear(), 1, 1);
    }

    public YearMonth lastMonth() {
        return YearMonth.from(end.minusDays(1));
    }

    /** The calendar quarters the period touches, each as its first day. */
    public List<LocalDate> quarters() {
        List<LocalDate> out = new ArrayList<>();
        LocalDate q = quarterStart(start);
        while (q.isBefore(end)) {
            out.add(q);
            q = q.plusMonths(3);
        }
        return out;
    }

    public static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), ((day.getMonthValue() - 1) / 3) * 3 + 1, 1);
    }

    /** Chinese label as a report writes it: 2025年第三季度, 2025年7月, 2025年. */
    public String labelZh() {
        if (YEAR.matcher(label).matches()) {
            return label + "年";
        }
        Matcher q = QUARTER.matcher(label);
        if (q.matches()) {
            return q.group(1) + "年第" + "一二三四".charAt(Integer.parseInt(q.group(2)) - 1) + "季度";
        }
        if (MONTH.matcher(label).matches()) {
            return start.getYear() + "年" + start.getMonthValue() + "月";
        }
        LocalDate last = end.minusDays(1);
        return Sentences.date(start) + "至" + Sentences.date(last);
    }
}
