package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.urad.envmon.ingest.rules.RuleCatalogue;

/**
 * What every dashboard query needs to return rows on a migrated test database: a little of everything
 * ({@code deploy/dashboard-fixture.sql}) and the rule set the service publishes on start ({@code rule_param},
 * where the panels read the rules' targets).
 */
public final class DashboardFixture {

    private DashboardFixture() {}

    public static void load(DataSource dataSource) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(resource("/deploy/dashboard-fixture.sql"));
        }
        assertThat(new RuleCatalogue(new JdbcTemplate(dataSource)).load(resource("/rules/rule-set.json"), "classpath"))
                .isNull();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DashboardFixture.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
