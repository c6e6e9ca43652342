package org.urad.envmon.ingest.decode.hj212;

import java.util.Objects;

/**
 * One {@code key=value} field of a CP item, e.g. {@code a21026-Rtd=12.3}.
 *
 * @param key the key as sent; for pollutant fields {@code <code>-<suffix>}
 */
public record Hj212Field(String key, String value) {

    public Hj212Field {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** The part of the key before the last {@code -}: the parameter code, or the whole key. */
    public String code() {
        int dash = key.lastIndexOf('-');
        return dash < 0 ? key : key.substring(0, dash);
    }

    /** The part of the key after the last {@code -} ({@code Rtd}, {@code Flag}, …), or {@code ""}. */
    public String suffix() {
        int dash = key.lastIndexOf('-');
        return dash < 0 ? "" : key.substring(dash + 1);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
