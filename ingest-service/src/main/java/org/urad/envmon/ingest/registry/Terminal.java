package org.urad.envmon.ingest.registry;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SZY 206 or SL 651 terminal a well or gate reports through, as its {@code protocol} and
 * {@code terminal_address} columns name it.
 *
 * @param protocol {@code szy206} or {@code sl651}
 * @param address the five address bytes as ten upper-case hex digits
 */
public record Terminal(String protocol, String address) {

    public static final List<String> PROTOCOLS = List.of("szy206", "sl651");
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-F]{10}");

    public Terminal {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("unknown terminal protocol " + protocol);
        }
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("terminal address must be ten hex digits: " + address);
        }
    }

    /** The terminal named by the two columns as written (hex digits in either case), or empty when not valid. */
    static Optional<Terminal> parse(String protocol, String address) {
        String upper = address.toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol) || !ADDRESS.matcher(upper).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Terminal(protocol, upper));
    }

    /** The key the registry indexes terminals by. */
    static String key(String protocol, String address) {
        return protocol + "/" + address;
    }

    String key() {
        return key(protocol, address);
    }
}
