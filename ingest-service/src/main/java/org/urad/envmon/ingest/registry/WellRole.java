package org.urad.envmon.ingest.registry;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What a well is registered for; {@code wells.csv} lists them in its {@code role} column, separated by |. */
public enum WellRole {
    /** A metered irrigation well with an annual allocation (the default). */
    ABSTRACTION("abstraction"),
    /** A zone monitoring well: its level enters the zone's mean level and the indicators built on it. */
    MONITORING("monitoring"),
    /** A control well: its level is held against its {@code control_level_m}. */
    CONTROL("control");

    private final String code;

    WellRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Optional<WellRole> fromCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst();
    }

    static List<String> codes() {
        return Arrays.stream(values()).map(WellRole::code).toList();
    }

    /** Parses {@code a|b|c}; unknown names go to {@code unknown}. */
    static Set<WellRole> parse(String text, List<String> unknown) {
        Set<WellRole> roles = EnumSet.noneOf(WellRole.class);
        for (String part : text.split("\\|", -1)) {
            String name = part.strip();
            fromCode(name).ifPresentOrElse(roles::add, () -> unknown.add(name));
        }
        return roles;
    }
}
