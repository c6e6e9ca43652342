package org.urad.envmon.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.springframework.test.web.servlet.ResultActions;
import org.urad.envmon.ingest.registry.RegistryService;
import org.urad.envmon.ingest.support.Db;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies {@code POST /api/quarantine/replay} on real PostgreSQL and a real broker: messages quarantined by the
 * live path (an unregistered well, a value older than the age limit, a payload that cannot be read) are
 * replayed after the registry changes; what can be stored now is stored once, however often it is replayed,
 * and its quarantine row is closed with a pointer to what it became; what still fails stays quarantined with
 * its reason and the attempt recorded; only an administrator may replay, and every replay is audited.
 */
@SpringBootTest(properties = "ingest.embedded.enabled=false")
@AutoConfigureMockMvc
class QuarantineReplayIntegrationTests {

    private static final String PW = "pw-" + UUID.randomUUID();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PREFIX =
            "replay-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = TestServices.freshDatabase("replay");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "replay-" + UUID.randomUUID());
        registry.add("ingest.mqtt.topic-prefix", () -> PREFIX);
        String hash = new BCryptPasswordEncoder(4).encode(PW);
        String[] roles = {"viewer", "operator", "admin"};
        for (int i = 0; i < roles.length; i++) {
            int n = i;
            registry.add("ingest.security.users[%d].name".formatted(n), () -> roles[n]);
            registry.add("ingest.security.users[%d].role".formatted(n), () -> roles[n]);
            registry.add("ingest.security.users[%d].password".formatted(n), () -> hash);
        }
    }

    @Autowired
    MockMvc http;

    @Autowired
    DataSource dataSource;

    @Autowired
    RegistryService registry;

    private JdbcTemplate jdbc;
    private Db db;
    private String late;

    @BeforeEach
    void setUp() {
        jdbc = new JdbcTemplate(dataSource);
        db = new Db(dataSource);
        late = "WL" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aWellRegisteredLateHasItsQuarantinedReadingStoredOnceAndTheRowPointsToIt() throws Exception {
        Instant t = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        publish(late, reading("flow", "7.25", t));
        publish(late, "{\"readings\": [");
        awaitQuarantined(2);
        long unknown = quarantineId("unknown_device");
        long malformed = quarantineId("malformed_payload");

        registerWell(late);

        replay("{\"deviceId\":\"" + late + "\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.selected").value(2))
                .andExpect(jsonPath("$.outcomes.stored").value(1))
                .andExpect(jsonPath("$.outcomes.unchanged").value(1))
                .andExpect(jsonPath("$.messages[?(@.id == " + unknown + ")].outcome")
                        .value("stored"))
                .andExpect(jsonPath("$.messages[?(@.id == " + malformed + ")].reason")
                        .value("malformed_payload"));

        assertThat(db.strings("SELECT value::text FROM well_reading WHERE device_id = ?", late))
                .containsExactly("7.25");
        assertThat(db.count("SELECT count(*) FROM point_rule_due WHERE device_id = ?", late))
                .as("the point rules judged the replayed reading")
                .isZero();
        assertThat(db.strings(
                        "SELECT replay_outcome || ' ' || replayed_by || ' ' || (replay_result->>'deviceId')"
                                + " || ' ' || (replay_result->>'stored') || ' ' || (replay_result->>'first')"
                                + " FROM quarantine WHERE id = ?",
                        unknown))
                .containsExactly("stored admin " + late + " 1 " + t);
        assertThat(db.strings(
                        "SELECT reason || ' ' || replay_outcome || ' ' || replay_attempts || ' '"
                                + " || (replayed_at IS NULL) FROM quarantine WHERE id = ?",
                        malformed))
                .as("the still-bad message stays open with its reason and the attempt recorded")
                .containsExactly("malformed_payload unchanged 1 true");

        // the API lists the open rows by default and the replayed ones on request, with their pointer
        http.perform(get("/api/quarantine?device=" + late).with(httpBasic("viewer", PW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].id").value(malformed));
        http.perform(get("/api/quarantine?state=replayed&device=" + late).with(httpBasic("viewer", PW)))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].replay.outcome").value("stored"))
                .andExpect(jsonPath("$.items[0].replay.result.readings").value(1));

        // a second replay finds the stored row closed and stores nothing twice
        replay("{\"deviceId\":\"" + late + "\"}")
                .andExpect(jsonPath("$.selected").value(1))
                .andExpect(jsonPath("$.outcomes.stored").value(0))
                .andExpect(jsonPath("$.outcomes.unchanged").value(1));
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = ?", late))
                .isOne();
        assertThat(db.count("SELECT replay_attempts FROM quarantine WHERE id = ?", malformed))
                .isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM quarantine WHERE device_id = ?", late))
                .as("no quarantine row is deleted or added")
                .isEqualTo(2);

        assertThat(db.strings(
                        "SELECT actor || ' ' || action || ' ' || (after->'outcomes'->>'stored')"
                                + " FROM audit_log WHERE action = 'quarantine.replay'"
                                + " AND before->>'device_id' = ? ORDER BY id",
                        late))
                .containsExactly("admin quarantine.replay 1", "admin quarantine.replay 0");
    }

    @Test
    void aMessageAlreadyStoredCountsAsDuplicateAndTheRowIsClosed() throws Exception {
        Instant t = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        publish(late, reading("flow", "3.5", t));
        awaitQuarantined(1);
        long id = quarantineId("unknown_device");
        registerWell(late);
        publish(late, reading("flow", "3.5", t)); // the device sends it again once registered
        assertThat(db.awaitCount(WAIT, n -> n == 1, "SELECT count(*) FROM well_reading WHERE device_id = ?", late))
                .isOne();

        replay("{\"reason\":\"unknown_device\",\"deviceId\":\"" + late + "\"}")
                .andExpect(jsonPath("$.outcomes.duplicate").value(1))
                .andExpect(jsonPath("$.messages[0].duplicates").value(1));

        assertThat(db.strings("SELECT replay_outcome FROM quarantine WHERE id = ? AND replayed_at IS NOT NULL", id))
                .containsExactly("duplicate");
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = ?", late))
                .isOne();
    }

    @Test
    void aMessageFailingForAnotherReasonPointsToItsNewQuarantineRow() throws Exception {
        publish(late, reading("flow", "-5", Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        awaitQuarantined(1);
        long id = quarantineId("unknown_device");
        registerWell(late);

        replay("{\"deviceId\":\"" + late + "\"}")
                .andExpect(jsonPath("$.outcomes.quarantined").value(1))
                .andExpect(jsonPath("$.messages[0].reason").value("impossible_value"));

        long again = quarantineId("impossible_value");
        assertThat(again).isNotEqualTo(id);
        assertThat(db.count(
                        "SELECT count(*) FROM quarantine WHERE id = ? AND replay_outcome = 'quarantined'"
                                + " AND replay_quarantine_id = ? AND replayed_at IS NOT NULL",
                        id,
                        again))
                .isOne();
        assertThat(db.count("SELECT count(*) FROM quarantine WHERE id = ? AND replayed_at IS NULL", again))
                .as("the new row is open")
                .isOne();
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = ?", late))
                .isZero();
    }

    @Test
    void aValueOlderThanTheAgeLimitReplaysIntoHistory() throws Exception {
        registerWell(late);
        Instant old = Instant.now().minus(Duration.ofDays(800)).truncatedTo(ChronoUnit.SECONDS);
        publish(late, reading("flow", "11", old));
        awaitQuarantined(1);
        long id = quarantineId("time_too_old");

        replay("{\"reason\":\"time_too_old\",\"deviceId\":\"" + late + "\",\"dryRun\":true}")
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.outcomes.stored").value(1));
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = ?", late))
                .as("a dry run writes nothing")
                .isZero();
        assertThat(db.count("SELECT replay_attempts FROM quarantine WHERE id = ? AND replayed_at IS NULL", id))
                .isZero();

        replay("{\"reason\":\"time_too_old\",\"from\":\"" + Instant.now().minus(Duration.ofHours(1))
                        + "\",\"to\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"deviceId\":\"" + late
                        + "\"}")
                .andExpect(jsonPath("$.outcomes.stored").value(1));
        assertThat(db.strings("SELECT value || ' ' || ts FROM well_reading WHERE device_id = ?", late))
                .hasSize(1)
                .allSatisfy(s -> assertThat(s).startsWith("11 "));
        assertThat(db.count("SELECT count(*) FROM well_reading WHERE device_id = ? AND ts = ?", late, ts(old)))
                .isOne();
        assertThat(db.strings("SELECT replay_outcome FROM quarantine WHERE id = ?", id))
                .containsExactly("stored");
    }

    @Test
    void onlyAnAdministratorMayReplayAndABadSelectionIsAProblem() throws Exception {
        for (String role : new String[] {"viewer", "operator"}) {
            http.perform(post("/api/quarantine/replay")
                            .with(httpBasic(role, PW))
                            .contentType(MediaType.APPLICATION_JSON)
                            .content("{}"))
                    .andExpect(status().isForbidden())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        }
        replay("{\"limit\":0}")
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        replay("{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}")
                .andExpect(status().isUnprocessableContent());
        assertThat(db.count("SELECT count(*) FROM audit_log WHERE action LIKE 'quarantine.replay%'"
                        + " AND (before->>'limit' = '0' OR before->>'from' = '2026-02-01T00:00:00Z')"))
                .as("a refused selection replays nothing, so there is nothing to audit")
                .isZero();
    }

    private ResultActions replay(String body) throws Exception {
        return http.perform(post("/api/quarantine/replay")
                .with(httpBasic("admin", PW))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private void publish(String device, String payload) throws Exception {
        try (TestPublisher publisher = new TestPublisher(TestServices.mqttUrl())) {
            publisher.publish(PREFIX + "/well/" + device + "/json", payload);
        }
    }

    private void awaitQuarantined(long n) throws InterruptedException {
        assertThat(db.awaitCount(WAIT, c -> c == n, "SELECT count(*) FROM quarantine WHERE device_id = ?", late))
                .isEqualTo(n);
    }

    private long quarantineId(String reason) {
        return db.count("SELECT id FROM quarantine WHERE device_id = ? AND reason = ?", late, reason);
    }

    /** Registers the well as an operator's registry change would, and refreshes the service's registry. */
    private void registerWell(String id) {
        jdbc.update(
                "INSERT INTO device (id, family, name, reporting_interval) VALUES (?, 'well', ?, '1 hour')", id, id);
        jdbc.update(
                "INSERT INTO well (device_id, village_id, zone_id, annual_allocation_m3, meter_type)"
                        + " SELECT ?, village_id, zone_id, 10000, 'electromagnetic' FROM well LIMIT 1",
                id);
        registry.refresh();
    }

    private static java.sql.Timestamp ts(Instant t) {
        return java.sql.Timestamp.from(t);
    }

    private static String reading(String param, String value, Instant time) {
        return "{\"readings\":[{\"param\":\"" + param + "\",\"value\":" + value + ",\"time\":\"" + time + "\"}]}";
    }
}
