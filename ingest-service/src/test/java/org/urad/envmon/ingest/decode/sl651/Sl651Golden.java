package org.urad.envmon.ingest.decode.sl651;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Collectors;

/** Golden frames under {@code src/test/resources/sl651/}: hex text, {@code #} lines say where each came from. */
final class Sl651Golden {

    private Sl651Golden() {}

    /** A file holding one frame a line (a multi-packet message's packets). */
    static java.util.List<byte[]> lines(String name) {
        try (InputStream in = Sl651Golden.class.getResourceAsStream("/sl651/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden frame " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> HexFormat.of().parseHex(l.strip()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try (InputStream in = Sl651Golden.class.getResourceAsStream("/sl651/" + name)) {
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
