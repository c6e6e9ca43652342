package org.urad.envmon.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestServicesIntegrationTests {

    @Test
    void freshDatabaseIsEmptyAndWritable() throws Exception {
        String url = TestServices.freshDatabase("support_check");

        try (Connection c = DriverManager.getConnection(url, TestServices.user(), TestServices.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v int)");
            s.execute("INSERT INTO t VALUES (1)");
            ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }
}
