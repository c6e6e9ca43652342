package org.urad.envmon.ingest.registry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seed CSV file split into rows: UTF-8, a header row naming the columns, {@code #} comment lines
 * (one of which may be {@code # version: …}), blank lines ignored, fields optionally in double quotes.
 */
record SeedTable(String file, String version, List<SeedRow> rows) {

    private static final String VERSION_PREFIX = "# version:";

    /** Splits {@code bytes}; structural problems (missing or unexpected columns) go to {@code problems}. */
    static SeedTable parse(String file, byte[] bytes, List<String> columns, List<String> problems) {
        return parse(file, bytes, columns, SeedColumns.optionalFor(columns), problems);
    }

    /** As {@link #parse(String, byte[], List, List)}, with columns the file may or may not have. */
    static SeedTable parse(
            String file, byte[] bytes, List<String> columns, List<String> optional, List<String> problems) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        String version = null;
        List<String> header = null;
        List<SeedRow> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            int number = i + 1;
            if (line.startsWith(VERSION_PREFIX)) {
                version = line.substring(VERSION_PREFIX.length()).strip();
            } else if (line.isBlank() || line.startsWith("#")) {
                continue;
            } else if (header == null) {
                header = split(line);
                if (!checkHeader(file, number, header, columns, optional, problems)) {
                    return new SeedTable(file, version, List.of());
                }
            } else {
                List<String> fields = split(line);
                if (fields.size() != header.size()) {
                    problems.add("%s line %d: %d fields, the header has %d"
                            .formatted(file, number, fields.size(), header.size()));
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int c = 0; c < header.size(); c++) {
                    values.put(header.get(c), fields.get(c).strip());
                }
                rows.add(new SeedRow(file, number, values, problems));
            }
        }
        if (header == null) {
            problems.add(file + ": no header row");
        }
        return new SeedTable(file, version, rows);
    }

    private static boolean checkHeader(
            String file,
            int line,
            List<String> header,
            List<String> columns,
            List<String> optional,
            List<String> problems) {
        List<String> missing = columns.stream().filter(c -> !header.contains(c)).toList();
        List<String> unknown = header.stream()
                .filter(c -> !columns.contains(c) && !optional.contains(c))
                .toList();
        if (!missing.isEmpty()) {
            problems.add("%s line %d: missing column(s) %s".formatted(file, line, String.join(", ", missing)));
        }
        if (!unknown.isEmpty()) {
            problems.add("%s line %d: unknown column(s) %s".formatted(file, line, String.join(", ", unknown)));
        }
        return missing.isEmpty() && unknown.isEmpty();
    }

    /** Splits one CSV line; a field in double quotes may hold commas, {@code ""} is a quote. */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
