package org.urad.envmon.ingest.registry;

import java.util.List;

/**
 * A seed that was refused. Each problem names the file, the line and what is wrong, e.g.
 * {@code wells.csv line 12: unknown village 'V999'}; the database keeps the previous registry.
 */
public class RegistrySeedException extends RuntimeException {

    private final List<String> problems;

    public RegistrySeedException(String source, List<String> problems) {
        super("registry seed " + source + " refused, " + problems.size() + " problem(s):\n  "
                + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
