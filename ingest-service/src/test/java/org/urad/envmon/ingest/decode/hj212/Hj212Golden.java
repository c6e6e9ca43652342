package org.urad.envmon.ingest.decode.hj212;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Golden frames under {@code src/test/resources/hj212/}: exact bytes, CR LF included. */
final class Hj212Golden {

    private Hj212Golden() {}

    static byte[] bytes(String name) {
        try (InputStream in = Hj212Golden.class.getResourceAsStream("/hj212/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no golden frame " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.US_ASCII);
    }

    /** The names ({@code valid/x.hj212}) of every golden frame in one folder. */
    static List<String> names(String folder) {
        try {
            Path dir = Path.of(Hj212Golden.class.getResource("/hj212/" + folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                return files.map(p -> folder + "/" + p.getFileName())
                        .filter(n -> n.endsWith(".hj212"))
                        .sorted()
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
