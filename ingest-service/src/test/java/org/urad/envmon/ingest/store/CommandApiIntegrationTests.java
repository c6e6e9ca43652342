package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.urad.envmon.ingest.support.TestServices;

/** Verifies that a monitor's command log is readable by viewers through the API, newest first. */
@SpringBootTest(properties = "ingest.embedded.enabled=false")
@AutoConfigureMockMvc
class CommandApiIntegrationTests {

    private static final String VIEWER_PW = "viewer-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = TestServices.freshDatabase("commands");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "commands-" + UUID.randomUUID());
        registry.add(
                "ingest.mqtt.topic-prefix",
                () -> "cmd-" + UUID.randomUUID().toString().substring(0, 8) + "/v1");
        registry.add("ingest.security.users[0].name", () -> "viewer");
        registry.add("ingest.security.users[0].role", () -> "viewer");
        registry.add("ingest.security.users[0].password", () -> new BCryptPasswordEncoder(4).encode(VIEWER_PW));
    }

    @Autowired
    MockMvc http;

    @Autowired
    DataSource dataSource;

    @Test
    void showsAMonitorsCommandsAndTheirOutcomesToViewers() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String[] monitor = jdbc.queryForObject(
                "SELECT device_id, mn FROM monitor WHERE mn IS NOT NULL ORDER BY device_id LIMIT 1",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
        CommandLog log = new JdbcCommandLog(dataSource);
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        log.sent(monitor[0], monitor[1], "1012", "20260301080000000", "logger asked for the time (1013)", t0);
        log.sent(monitor[0], monitor[1], "1012", "20260301090000000", "clock skew +300 s", t0.plusSeconds(3600));
        log.answered(monitor[1], "20260301080000000", "succeeded", "ExeRtn=1", t0.plusSeconds(2));

        http.perform(get("/api/monitors/" + monitor[0] + "/commands").with(httpBasic("viewer", VIEWER_PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(2))
                .andExpect(jsonPath("$.nextCursor").isEmpty())
                .andExpect(jsonPath("$.items[0].reason").value("clock skew +300 s"))
                .andExpect(jsonPath("$.items[0].outcome").value("sent"))
                .andExpect(jsonPath("$.items[1].outcome").value("succeeded"))
                .andExpect(jsonPath("$.items[1].detail").value("ExeRtn=1"));
        http.perform(get("/api/monitors/no-such-monitor/commands").with(httpBasic("viewer", VIEWER_PW)))
                .andExpect(status().isNotFound());
        http.perform(get("/api/monitors/" + monitor[0] + "/commands")).andExpect(status().isUnauthorized());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM monitor_command", Long.class))
                .isEqualTo(2);
    }
}
