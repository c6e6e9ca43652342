package org.urad.envmon.ingest.importer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The rows of a CSV text (RFC 4180: comma separated, fields optionally in double quotes, {@code ""} inside
 * quotes, CRLF or LF line ends); blank lines are skipped. Row numbers count physical lines, as a
 * spreadsheet shows them.
 */
final class CsvRows implements Iterator<ImportRow> {

    private final String text;
    private final Columns columns;
    private int pos;
    private long line;
    private ImportRow next;

    CsvRows(String text) {
        this.text = text;
        List<String> header = readRecord();
        if (header == null) {
            throw new IllegalArgumentException("the file is empty");
        }
        this.columns = Columns.of(header);
        advance();
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public ImportRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        ImportRow r = next;
        advance();
        return r;
    }

    private void advance() {
        next = null;
        while (pos < text.length()) {
            long number = line + 1;
            List<String> cells = readRecord();
            if (cells != null && !(cells.size() == 1 && cells.get(0).isBlank())) {
                next = columns.row(number, cells);
                return;
            }
        }
    }

    /** One record from {@code pos}, or {@code null} at the end of the text. */
    private List<String> readRecord() {
        if (pos >= text.length()) {
            return null;
        }
        List<String> cells = new ArrayList<>(8);
        StringBuilder quoted = null;
        int start = pos;
        int n = text.length();
        while (true) {
            if (pos < n && text.charAt(pos) == '"' && pos == start) {
                quoted = new StringBuilder();
                pos++;
                while (pos < n) {
                    char c = text.charAt(pos++);
                    if (c == '"') {
                        if (pos < n && text.charAt(pos) == '"') {
                            quoted.append('"');
                            pos++;
                        } else {
                            break;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        quoted.append(c);
                    }
                }
            }
            int end = pos;
            while (end < n && text.charAt(end) != ',' && text.charAt(end) != '\n') {
                end++;
            }
            String raw = text.substring(pos, end);
            if (raw.endsWith("\r") && (end == n || text.charAt(end) == '\n')) {
                raw = raw.substring(0, raw.length() - 1);
            }
            cells.add(quoted == null ? raw : quoted + raw);
            quoted = null;
            pos = end + 1;
            if (end >= n || text.charAt(end) == '\n') {
                line++;
                return cells;
            }
            start = pos;
        }
    }
}
