package org.urad.envmon.ingest.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the top of the repository (dashboards, compose file), found from the module directory. */
final class RepositoryFiles {

    private RepositoryFiles() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("schema/migration")) && Files.isDirectory(p.resolve("ingest-service"))) {
                return p;
            }
        }
        throw new IllegalStateException("repository root not found above " + dir);
    }

    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
