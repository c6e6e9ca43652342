package org.urad.envmon.ingest.deploy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a panel's SQL into what Grafana sends to PostgreSQL: template variables first (as the
 * browser does, quoting multi-value and "All" variables as {@code 'a','b'}), then the PostgreSQL data
 * source's macros (as the server does, with the data source's TimescaleDB option).
 */
public final class GrafanaSql {

    /** A variable's current values; {@code quoted}: multi-value or include-all, so values are quoted. */
    public record Value(List<String> values, boolean quoted) {
        static Value raw(String value) {
            return new Value(List.of(value), false);
        }

        String format() {
            if (!quoted) {
                return values.get(0);
            }
            return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
        }
    }

    /** The dashboard time range and the interval Grafana derives from it. */
    public record Range(Instant from, Instant to, Duration interval) {
        String intervalText() {
            long s = interval.toSeconds();
            if (s % 86400 == 0) return s / 86400 + "d";
            if (s % 3600 == 0) return s / 3600 + "h";
            if (s % 60 == 0) return s / 60 + "m";
            return s + "s";
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");
    private static final Pattern MACRO = Pattern.compile("\\$__(\\w+)\\(([^)]*)\\)");

    private final boolean timescaledb;

    public GrafanaSql(boolean timescaledb) {
        this.timescaledb = timescaledb;
    }

    public String expand(String sql, Map<String, Value> variables, Range range) {
        return macros(variables(sql, variables, range), range);
    }

    static String variables(String sql, Map<String, Value> variables, Range range) {
        Map<String, Value> all = new java.util.HashMap<>(variables);
        all.put("__interval", Value.raw(range.intervalText()));
        all.put("__interval_ms", Value.raw(Long.toString(range.interval().toMillis())));
        Matcher m = VARIABLE.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            Value v = all.get(name);
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : v.format()));
        }
        m.appendTail(out);
        return out.toString();
    }

    String macros(String sql, Range range) {
        Matcher m = MACRO.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String[] args = m.group(2).isBlank() ? new String[0] : m.group(2).split(",");
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].trim();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(macro(m.group(1), args, range)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String macro(String name, String[] args, Range range) {
        return switch (name) {
            case "time" -> args[0] + " AS \"time\"";
            case "timeEpoch" -> "extract(epoch from " + args[0] + ") as \"time\"";
            case "timeFilter" -> args[0] + " BETWEEN '" + range.from() + "' AND '" + range.to() + "'";
            case "timeFrom" -> "'" + range.from() + "'";
            case "timeTo" -> "'" + range.to() + "'";
            case "timeGroup" -> timeGroup(args);
            case "timeGroupAlias" -> timeGroup(args) + " AS \"time\"";
            case "unixEpochFilter" ->
                args[0] + " >= " + range.from().getEpochSecond() + " AND " + args[0] + " <= "
                        + range.to().getEpochSecond();
            case "unixEpochFrom" -> Long.toString(range.from().getEpochSecond());
            case "unixEpochTo" -> Long.toString(range.to().getEpochSecond());
            default ->
                throw new IllegalArgumentException("macro not supported by Grafana's PostgreSQL source: $__" + name);
        };
    }

    private String timeGroup(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("$__timeGroup needs a column and an interval");
        }
        long seconds = parseDuration(args[1].replace("'", "").replace("\"", "")).toSeconds();
        return timescaledb
                ? "time_bucket('" + seconds + "s'," + args[0] + ")"
                : "floor(extract(epoch from " + args[0] + ")/" + seconds + ")*" + seconds;
    }

    static Duration parseDuration(String text) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Grafana interval: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
