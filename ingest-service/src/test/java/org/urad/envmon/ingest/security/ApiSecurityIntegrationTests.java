package org.urad.envmon.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies, on the whole application with its real filter chain and database, that the API refuses
 * requests without credentials, lets each role do what it may and no more, accepts bearer tokens, keeps
 * health public and metrics protected, and writes an audit row for every change.
 */
@SpringBootTest(properties = "ingest.embedded.enabled=false") // read before dynamic properties exist
@AutoConfigureMockMvc
class ApiSecurityIntegrationTests {

    private static final String VIEWER_PW = "viewer-" + UUID.randomUUID();
    private static final String OPERATOR_PW = "operator-" + UUID.randomUUID();
    private static final String ADMIN_PW = "admin-" + UUID.randomUUID();
    private static final String TOKEN = "tok-" + UUID.randomUUID() + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String url = TestServices.freshDatabase("security");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "security-" + UUID.randomUUID());
        registry.add(
                "ingest.mqtt.topic-prefix",
                () -> "sec-" + UUID.randomUUID().toString().substring(0, 8) + "/v1");
        String[][] users = {
            {"viewer", "viewer", bcrypt.encode(VIEWER_PW)},
            {"operator", "operator", bcrypt.encode(OPERATOR_PW)},
            {"admin", "admin", "{bcrypt}" + bcrypt.encode(ADMIN_PW)}
        };
        for (int i = 0; i < users.length; i++) {
            String[] u = users[i];
            registry.add("ingest.security.users[" + i + "].name", () -> u[0]);
            registry.add("ingest.security.users[" + i + "].role", () -> u[1]);
            registry.add("ingest.security.users[" + i + "].password", () -> u[2]);
        }
        registry.add("ingest.security.users[3].name", () -> "grafana");
        registry.add("ingest.security.users[3].role", () -> "viewer");
        registry.add("ingest.security.users[3].token", () -> TOKEN);
    }

    @Autowired
    MockMvc http;

    @Autowired
    DataSource dataSource;

    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(dataSource);
    }

    private long openAlert() {
        return jdbc.queryForObject(
                "INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity, message_zh, message_en,"
                        + " opened_at, last_seen_at) VALUES ('test.rule', 'test', 'device', ?, 'breach', '超标', 'breach',"
                        + " now(), now()) RETURNING id",
                Long.class,
                "dev-" + UUID.randomUUID());
    }

    private long auditRows(String action, String target) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = ? AND target = ?", Long.class, action, target);
    }

    @Test
    void refusesApiRequestsWithoutCredentials() throws Exception {
        for (String path : List.of("/api/devices", "/api/alerts", "/api/quarantine", "/api/extracts?period=2025-Q3")) {
            http.perform(get(path))
                    .andExpect(status().isUnauthorized())
                    .andExpect(header().string("WWW-Authenticate", "Basic realm=\"ingest\""));
        }
        http.perform(post("/api/alerts/1/ack")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownToken() throws Exception {
        http.perform(get("/api/devices").with(httpBasic("viewer", "wrong"))).andExpect(status().isUnauthorized());
        http.perform(get("/api/devices").with(httpBasic("nobody", VIEWER_PW))).andExpect(status().isUnauthorized());
        http.perform(get("/api/devices").header("Authorization", "Bearer not-a-token"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void viewerReadsButCannotAcknowledge() throws Exception {
        http.perform(get("/api/devices").with(httpBasic("viewer", VIEWER_PW))).andExpect(status().isOk());
        long id = openAlert();
        http.perform(post("/api/alerts/" + id + "/ack")
                        .with(httpBasic("viewer", VIEWER_PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"comment\":\"seen\"}"))
                .andExpect(status().isForbidden());
        assertThat(jdbc.queryForObject("SELECT state FROM alert WHERE id = ?", String.class, id))
                .isEqualTo("open");
        assertThat(auditRows("alert.acknowledge", "alert/" + id)).isZero();
    }

    @Test
    void operatorAcknowledgesAsThemselvesAndTheChangeIsAudited() throws Exception {
        long id = openAlert();
        http.perform(post("/api/alerts/" + id + "/ack")
                        .with(httpBasic("operator", OPERATOR_PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"who\":\"someone else\",\"comment\":\"crew sent\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("acknowledged"))
                .andExpect(jsonPath("$.acknowledgedBy").value("operator"));
        var row = jdbc.queryForMap(
                "SELECT actor, before->>'state' AS before_state, after->>'state' AS after_state,"
                        + " after->>'ack_comment' AS comment, remote_address FROM audit_log"
                        + " WHERE action = 'alert.acknowledge' AND target = ?",
                "alert/" + id);
        assertThat(row)
                .containsEntry("actor", "operator")
                .containsEntry("before_state", "open")
                .containsEntry("after_state", "acknowledged")
                .containsEntry("comment", "crew sent");
        assertThat((String) row.get("remote_address")).isNotBlank();
    }

    @Test
    void operatorEntersManualIndicatorsAndTheEntryIsAudited() throws Exception {
        String body = "{\"key\":\"forest_coverage\",\"nameZh\":\"森林覆盖率\",\"value\":12.6,\"unit\":\"%\","
                + "\"source\":\"林草局\",\"asOf\":\"2025-06-30\",\"enteredBy\":\"林草局填报\"}";
        http.perform(post("/api/indicators/manual")
                        .with(httpBasic("viewer", VIEWER_PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isForbidden());
        String id = http.perform(post("/api/indicators/manual")
                        .with(httpBasic("operator", OPERATOR_PW))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andReturn()
                .getResponse()
                .getContentAsString()
                .replaceAll(".*\"id\":(\\d+).*", "$1");
        assertThat(jdbc.queryForObject(
                        "SELECT after->>'key' FROM audit_log WHERE action = 'indicator.manual.add' AND target = ?"
                                + " AND actor = 'operator'",
                        String.class,
                        "manual_indicator/" + id))
                .isEqualTo("forest_coverage");
    }

    @Test
    void onlyAdminReloadsTheRegistryAndTheReloadIsAudited() throws Exception {
        http.perform(post("/api/registry/reload").with(httpBasic("operator", OPERATOR_PW)))
                .andExpect(status().isForbidden());
        long before = jdbc.queryForObject(
                "SELECT count(*) FROM audit_log WHERE action = 'registry.reload' AND actor = 'admin'", Long.class);
        http.perform(post("/api/registry/reload").with(httpBasic("admin", ADMIN_PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.devices").isNumber());
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM audit_log WHERE action = 'registry.reload' AND actor = 'admin'"
                                + " AND (after->>'devices')::int > 0",
                        Long.class))
                .isEqualTo(before + 1);
    }

    @Test
    void bearerTokenActsAsItsUser() throws Exception {
        http.perform(get("/api/devices").header("Authorization", "Bearer " + TOKEN))
                .andExpect(status().isOk());
        long id = openAlert();
        http.perform(post("/api/alerts/" + id + "/ack")
                        .header("Authorization", "Bearer " + TOKEN)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void healthIsPublicWithoutDetailsAndMetricsNeedAViewer() throws Exception {
        http.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").exists())
                .andExpect(jsonPath("$.components").doesNotExist());
        http.perform(get("/actuator/prometheus")).andExpect(status().isUnauthorized());
        http.perform(get("/actuator/prometheus").with(httpBasic("viewer", VIEWER_PW)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ingest_limits_rate_limited")));
        http.perform(get("/actuator/env").with(httpBasic("viewer", VIEWER_PW))).andExpect(status().isForbidden());
    }
}
