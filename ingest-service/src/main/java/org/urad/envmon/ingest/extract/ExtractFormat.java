package org.urad.envmon.ingest.extract;

import java.util.Locale;

/** File formats an extract can be written in. */
public enum ExtractFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    CSV("text/csv; charset=UTF-8"),
    JSON("application/json");

    private final String contentType;

    ExtractFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ExtractFormat of(String text) {
        if (text == null || text.isBlank()) {
            return XLSX;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("format must be xlsx, csv or json: " + text);
        }
    }

    /** Guesses the format from a file name's extension, XLSX when there is none. */
    public static ExtractFormat ofFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? XLSX : of(name.substring(dot + 1));
    }
}
