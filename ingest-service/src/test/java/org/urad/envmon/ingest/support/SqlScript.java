package org.urad.envmon.ingest.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A PostgreSQL script cut into its top-level statements, so that each runs on its own in
 * auto-commit (procedures that commit cannot run in the implicit transaction of a multi-statement
 * query). Knows comments, quoted strings and identifiers, and dollar quotes; nothing else of psql.
 */
public final class SqlScript {

    private SqlScript() {}

    public static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            int end;
            if (c == '-' && script.startsWith("--", i)) {
                end = indexOrEnd(script, "\n", i);
                i = end; // a comment is dropped
                continue;
            } else if (c == '\'' || c == '"') {
                end = indexOrEnd(script, String.valueOf(c), i + 1) + 1;
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                end = indexOrEnd(script, tag, i + tag.length()) + tag.length();
            } else if (c == ';') {
                add(out, current);
                current.setLength(0);
                i++;
                continue;
            } else {
                end = i + 1;
            }
            end = Math.min(end, script.length());
            current.append(script, i, end);
            i = end;
        }
        add(out, current);
        return out;
    }

    private static void add(List<String> out, StringBuilder statement) {
        String s = statement.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** {@code $tag$} starting at {@code i}, or null when the dollar sign opens none. */
    private static String dollarTag(String s, int i) {
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        if (j < s.length() && s.charAt(j) == '$' && (j == i + 1 || !Character.isDigit(s.charAt(i + 1)))) {
            return s.substring(i, j + 1);
        }
        return null;
    }

    private static int indexOrEnd(String s, String what, int from) {
        int at = s.indexOf(what, from);
        return at < 0 ? s.length() : at;
    }
}
