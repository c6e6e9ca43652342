package org.urad.envmon.ingest.config.embedded;

import java.nio.file.Path;
import java.util.Map;

/** Run in a child JVM by {@link EmbeddedPostgresServerIntegrationTests}: starts, reports the server's user, stops. */
public final class StartPostgresOnce {

    private StartPostgresOnce() {}

    public static void main(String[] args) throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), 0, "ingest", Map.of())) {
            String user = EmbeddedPostgresServerIntegrationTests.queryString(
                    server.jdbcUrl(),
                    "SELECT pg_catalog.pg_stat_file('PG_VERSION') IS NOT NULL"
                            + " AND (SELECT setting FROM pg_settings WHERE name = 'data_directory') IS NOT NULL");
            System.out.println("server started: " + user);
            System.out.println("server runs as " + processOwner(server.port()));
        }
    }

    private static String processOwner(int port) throws Exception {
        Process ps = new ProcessBuilder("ps", "-o", "user=", "-C", "postgres", "-o", "args=").start();
        String marker = "-p " + port;
        return new String(ps.getInputStream().readAllBytes())
                .lines()
                .filter(line -> line.contains(marker))
                .map(line -> line.strip().split("\\s+")[0])
                .findFirst()
                .orElse("unknown");
    }
}
