package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.urad.envmon.ingest.decode.hj212.Hj212Codec;
import org.urad.envmon.ingest.decode.hj212.Hj212Crc;
import org.urad.envmon.ingest.decode.hj212.Hj212Frame;
import org.urad.envmon.ingest.decode.hj212.Hj212FrameBuilder;
import org.urad.envmon.ingest.decode.hj212.Hj212Time;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the admin API's commands to a logger end to end: over a real HJ 212 TCP connection the logger
 * receives a valid 1062 frame, its 9011 / 9012 settle the command in the log, and the request is audited;
 * bad parameters, a logger that is not connected, and roles below admin are refused.
 */
@SpringBootTest(properties = {"ingest.embedded.enabled=false", "ingest.hj212.enabled=true", "ingest.hj212.port=0"})
@AutoConfigureMockMvc
class OperatorCommandIntegrationTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ADMIN_PW = "admin-" + UUID.randomUUID();
    private static final String OPERATOR_PW = "operator-" + UUID.randomUUID();
    private static final String VIEWER_PW = "viewer-" + UUID.randomUUID();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = TestServices.freshDatabase("opcommands");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "opcommands-" + UUID.randomUUID());
        registry.add(
                "ingest.mqtt.topic-prefix",
                () -> "opc-" + UUID.randomUUID().toString().substring(0, 8) + "/v1");
        String[][] users = {{"admin", ADMIN_PW}, {"operator", OPERATOR_PW}, {"viewer", VIEWER_PW}};
        for (int i = 0; i < users.length; i++) {
            String[] user = users[i];
            registry.add("ingest.security.users[" + i + "].name", () -> user[0]);
            registry.add("ingest.security.users[" + i + "].role", () -> user[0]);
            registry.add(
                    "ingest.security.users[" + i + "].password", () -> new BCryptPasswordEncoder(4).encode(user[1]));
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    DataSource dataSource;

    @Autowired
    @Qualifier("hj212TcpListener")
    Hj212TcpListener listener;

    private record Logger(String deviceId, String mn, String password, String st, String polId) {}

    /** The registered monitors with an MN and password, each with one of its parameters. */
    private List<Logger> loggers() {
        return new JdbcTemplate(dataSource)
                .query(
                        "SELECT DISTINCT ON (m.device_id) m.device_id, m.mn, m.password, m.kind, p.parameter"
                                + " FROM monitor m JOIN monitor_parameter p USING (device_id)"
                                + " WHERE m.mn IS NOT NULL AND m.password IS NOT NULL"
                                + " ORDER BY m.device_id, p.parameter",
                        (rs, n) -> new Logger(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                "cems".equals(rs.getString(4)) ? "31" : "32",
                                rs.getString(5)));
    }

    private static MockHttpServletRequestBuilder command(String deviceId, String json) {
        return post("/api/monitors/" + deviceId + "/commands")
                .contentType(MediaType.APPLICATION_JSON)
                .content(json);
    }

    private static Hj212FrameBuilder frame(Logger logger, String cn, String qn) {
        return Hj212FrameBuilder.of(cn, logger.st(), logger.mn()).qn(qn).password(logger.password());
    }

    @Test
    void anAdminsIntervalCommandReachesTheLoggerAndIsSettledByItsAnswers() throws Exception {
        Logger logger = loggers().get(0);
        Db db = new Db(dataSource);
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream()
                    .write(frame(logger, "2011", Hj212Time.qn(Instant.now()))
                            .replyRequested(false)
                            .dataTime(Instant.now())
                            .value(logger.polId(), "Rtd", 1)
                            .encode());
            LoggerLinks links = listener.links().orElseThrow();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!links.connected(logger.deviceId()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            http.perform(command(logger.deviceId(), "{\"cn\":\"1062\",\"RtdInterval\":60}")
                            .with(httpBasic("admin", ADMIN_PW)))
                    .andExpect(status().isAccepted())
                    .andExpect(jsonPath("$.cn").value("1062"))
                    .andExpect(jsonPath("$.fields.RtdInterval").value("60"))
                    .andExpect(jsonPath("$.requestedBy").value("admin"));

            byte[] bytes = LoggerReplies.readLine(socket.getInputStream());
            String text = new String(bytes, StandardCharsets.US_ASCII);
            String body = text.substring(6, text.length() - 6);
            assertThat(text.substring(2, 6)).isEqualTo(String.format("%04d", body.length()));
            assertThat(text.substring(text.length() - 6, text.length() - 2))
                    .isEqualToIgnoringCase(Hj212Crc.hex(Hj212Crc.compute(body.getBytes(StandardCharsets.US_ASCII))));
            Hj212Frame command = Hj212Codec.decode(bytes);
            assertThat(command.cn()).isEqualTo("1062");
            assertThat(command.mn()).isEqualTo(logger.mn());
            assertThat(command.pw()).isEqualTo(logger.password());
            assertThat(command.replyRequested()).isTrue();
            assertThat(command.qn()).hasSize(17);
            assertThat(command.cpValue("RtdInterval")).contains("60");
            assertThat(db.strings("SELECT qn || ' ' || outcome || ' ' || reason FROM monitor_command"))
                    .containsExactly(command.qn() + " sent requested by admin: RtdInterval=60");

            socket.getOutputStream()
                    .write(frame(logger, "9011", command.qn())
                            .plain("QnRtn", "1")
                            .encode());
            socket.getOutputStream()
                    .write(frame(logger, "9012", command.qn())
                            .plain("ExeRtn", "1")
                            .encode());
            assertThat(db.awaitCount(
                            WAIT, n -> n == 1, "SELECT count(*) FROM monitor_command WHERE outcome = 'succeeded'"))
                    .isEqualTo(1);
        }
        http.perform(get("/api/monitors/" + logger.deviceId() + "/commands").with(httpBasic("viewer", VIEWER_PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].cn").value("1062"))
                .andExpect(jsonPath("$.items[0].outcome").value("succeeded"))
                .andExpect(jsonPath("$.items[0].detail").value("QnRtn=1; ExeRtn=1"));
        assertThat(db.strings("SELECT actor || ' ' || target || ' ' || (after->>'cn') FROM audit_log"
                        + " WHERE action = 'monitor.command'"))
                .containsExactly("admin monitor/" + logger.deviceId() + " 1062");
    }

    @Test
    void refusesBadParametersUnknownOrUnconnectedMonitorsAndRolesBelowAdmin() throws Exception {
        List<Logger> loggers = loggers();
        Logger logger = loggers.get(loggers.size() - 1);
        Db db = new Db(dataSource);
        long before = db.count("SELECT count(*) FROM monitor_command");

        http.perform(command(logger.deviceId(), "{\"cn\":\"3011\",\"PolId\":\"x99999\"}")
                        .with(httpBasic("admin", ADMIN_PW)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail").value("PolId x99999 is not a parameter registered for this monitor"));
        http.perform(command(logger.deviceId(), "{\"cn\":\"1062\",\"RtdInterval\":5}")
                        .with(httpBasic("admin", ADMIN_PW)))
                .andExpect(status().isUnprocessableContent());
        http.perform(command(logger.deviceId(), "{\"cn\":\"2011\"}").with(httpBasic("admin", ADMIN_PW)))
                .andExpect(status().isUnprocessableContent());
        http.perform(command(logger.deviceId(), "{\"cn\":\"3011\",\"PolId\":\"" + logger.polId() + "\"}")
                        .with(httpBasic("admin", ADMIN_PW)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("not connected")));
        http.perform(command("no-such-monitor", "{\"cn\":\"1062\",\"RtdInterval\":60}")
                        .with(httpBasic("admin", ADMIN_PW)))
                .andExpect(status().isNotFound());
        http.perform(command(logger.deviceId(), "{\"cn\":\"1062\",\"RtdInterval\":60}")
                        .with(httpBasic("operator", OPERATOR_PW)))
                .andExpect(status().isForbidden());
        http.perform(command(logger.deviceId(), "{\"cn\":\"1062\",\"RtdInterval\":60}")
                        .with(httpBasic("viewer", VIEWER_PW)))
                .andExpect(status().isForbidden());

        assertThat(db.count("SELECT count(*) FROM monitor_command")).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action = 'monitor.command' AND target = 'monitor/"
                        + logger.deviceId() + "'"))
                .isZero();
    }
}
