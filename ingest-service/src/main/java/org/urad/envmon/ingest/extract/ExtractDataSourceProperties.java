package org.urad.envmon.ingest.extract;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ingest.extract.datasource.*}: where extracts and indicator pages read, when not from the service's
 * own database — a streaming replica in the scale-out profile. Connections are read-only
 * ({@code default_transaction_read_only}); hand-entered indicators are still written to the service's
 * database. Unset: extracts read the service's database.
 *
 * @param url JDBC URL of the replica, e.g. {@code jdbc:postgresql://timescaledb-replica:5432/envmon}
 * @param username a role that needs nothing but {@code SELECT} (e.g. Grafana's reader)
 * @param password its password
 */
@ConfigurationProperties("ingest.extract.datasource")
public record ExtractDataSourceProperties(String url, String username, String password) {

    public boolean configured() {
        return url != null && !url.isBlank();
    }

    @Override
    public String toString() {
        return "ExtractDataSourceProperties[url=%s, username=%s, password=%s]"
                .formatted(url, username, password == null ? "none" : "****");
    }
}
