package org.urad.envmon.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.urad.envmon.ingest.config.embedded.EmbeddedPostgresServer;

/** The one embedded PostgreSQL of a test JVM: temporary directory, free port, removed when the JVM exits. */
final class TestPostgres {

    private static EmbeddedPostgresServer server;

    private TestPostgres() {}

    static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("ingest-test-pg");
                server = EmbeddedPostgresServer.start(dir, 0, "postgres", Map.of("fsync", "off"));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(dir), "test-postgres-stop"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL for tests", e);
            }
        }
        return server;
    }

    private static void stop(Path dir) {
        try {
            server.close();
            deleteTree(dir);
        } catch (IOException e) {
            // The JVM is exiting; a leftover temporary directory is harmless.
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
