package org.urad.envmon.ingest.decode.szy206;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Golden frames under {@code src/test/resources/szy206/}: hex text, {@code #} lines say where each came from. */
final class Szy206Golden {

    private Szy206Golden() {}

    static byte[] bytes(String name) {
        try (InputStream in = Szy206Golden.class.getResourceAsStream("/szy206/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden frame " + name);
            }
            String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .filter(l -> !l.startsWith("#"))
                    .map(String::strip)
                    .collect(Collectors.joining());
            return HexFormat.of().parseHex(hex);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
