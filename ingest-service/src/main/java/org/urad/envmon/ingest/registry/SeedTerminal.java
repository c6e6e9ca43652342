package org.urad.envmon.ingest.registry;

import java.util.Map;

/** The optional {@code protocol} and {@code terminal_address} columns of a wells.csv or gates.csv row. */
final class SeedTerminal {

    private SeedTerminal() {}

    /**
     * @param seen the addresses already given, by protocol/address key, to say where a duplicate was first
     * @return the row's terminal, or null when it names none or a problem was recorded on the row
     */
    static Terminal read(SeedRow row, Map<String, String> seen) {
        String protocol = row.optional("protocol");
        String address = row.optional("terminal_address");
        if (protocol == null && address == null) {
            return null;
        }
        if (protocol == null || address == null) {
            row.problem("terminal_address and protocol go together: give both or neither");
            return null;
        }
        Terminal terminal = Terminal.parse(protocol, address).orElse(null);
        if (terminal == null) {
            row.problem("terminal '%s' '%s' is not one of %s with ten hex digits"
                    .formatted(protocol, address, String.join(", ", Terminal.PROTOCOLS)));
            return null;
        }
        String where = row.file() + " line " + row.line();
        String first = seen.putIfAbsent(terminal.key(), where);
        if (first != null) {
            row.problem(
                    "duplicate %s terminal_address '%s' (first in %s)".formatted(protocol, terminal.address(), first));
            return null;
        }
        return terminal;
    }
}
