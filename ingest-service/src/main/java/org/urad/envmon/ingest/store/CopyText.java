package org.urad.envmon.ingest.store;

/** Escaping for PostgreSQL's COPY text format. */
final class CopyText {

    private CopyText() {}

    static StringBuilder append(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out;
    }
}
