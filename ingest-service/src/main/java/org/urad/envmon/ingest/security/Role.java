package org.urad.envmon.ingest.security;

import java.util.List;
import java.util.Locale;

/**
 * What an API user may do. Each role includes the ones before it: an operator is also a viewer, an
 * administrator also an operator.
 */
public enum Role {
    /** Reads everything: devices, readings, quarantine, alerts, extracts. */
    VIEWER,
    /** Also acknowledges alerts and enters manual indicators. */
    OPERATOR,
    /** Also changes the registry and the rules. */
    ADMIN;

    /** This role and every role it includes, as Spring Security role names. */
    List<String> grantedRoles() {
        return java.util.Arrays.stream(values())
                .filter(r -> r.ordinal() <= ordinal())
                .map(Enum::name)
                .toList();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
