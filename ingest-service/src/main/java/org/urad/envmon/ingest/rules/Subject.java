package org.urad.envmon.ingest.rules;

import java.util.Locale;

/**
 * What an alert is about.
 *
 * @param parameter the monitored parameter (or sub-scope such as {@code day}/{@code month}) for
 *     rules that judge each separately, {@code ""} otherwise
 * @param name how people know it (device name, zone id)
 */
public record Subject(Kind kind, String id, String parameter, String name) {

    public enum Kind {
        DEVICE,
        ZONE,
        VILLAGE,
        WELL;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static Subject of(Kind kind, String id, String name) {
        return new Subject(kind, id, "", name);
    }

    public Subject withParameter(String p) {
        return new Subject(kind, id, p == null ? "" : p, name);
    }
}
