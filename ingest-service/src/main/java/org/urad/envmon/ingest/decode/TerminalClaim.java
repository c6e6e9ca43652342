package org.urad.envmon.ingest.decode;

import java.util.Objects;

/**
 * The terminal a SZY 206 or SL 651 frame says it comes from.
 *
 * @param protocol {@code szy206} or {@code sl651}, as in the registry's {@code protocol} column
 * @param address the five address bytes as ten upper-case hex digits, exactly as sent
 */
public record TerminalClaim(String protocol, String address) {

    public TerminalClaim {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
    }
}
