package org.urad.envmon.ingest.rules;

import java.util.Locale;

/** How bad a finding is: a warning before the target is missed, a breach once it is. */
public enum Severity {
    WARNING,
    BREACH;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
