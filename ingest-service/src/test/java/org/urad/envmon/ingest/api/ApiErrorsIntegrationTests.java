package org.urad.envmon.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.urad.envmon.ingest.support.TestServices;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies, over real HTTP (Tomcat, the security filter chain, Spring MVC, PostgreSQL), that every API
 * error is an RFC 9457 problem detail ({@code application/problem+json} with title, status and detail),
 * whoever produces it: the security chain (401, 403), the dispatcher (404, 405, 400 for a missing or
 * mistyped parameter, 415 for a body of another media type, 400 for a body that is not JSON), the controllers
 * (bad period, too long a period), the check of request text (NUL, control characters, over-long values),
 * paths outside the API and an unexpected failure (500, without its message).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ingest.embedded.enabled=false") // read before dynamic properties exist
class ApiErrorsIntegrationTests {

    private static final String VIEWER_PW = "viewer-" + UUID.randomUUID();
    private static final String OPERATOR_PW = "operator-" + UUID.randomUUID();
    private static final String ADMIN_PW = "admin-" + UUID.randomUUID();
    private static final String SECRET = "secret-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String url = TestServices.freshDatabase("api_errors");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "api-errors-" + UUID.randomUUID());
        registry.add(
                "ingest.mqtt.topic-prefix",
                () -> "err-" + UUID.randomUUID().toString().substring(0, 8) + "/v1");
        registry.add("ingest.security.users[0].name", () -> "viewer");
        registry.add("ingest.security.users[0].role", () -> "viewer");
        registry.add("ingest.security.users[0].password", () -> bcrypt.encode(VIEWER_PW));
        registry.add("ingest.security.users[2].name", () -> "operator");
        registry.add("ingest.security.users[2].role", () -> "operator");
        registry.add("ingest.security.users[2].password", () -> bcrypt.encode(OPERATOR_PW));
        registry.add("ingest.security.users[1].name", () -> "admin");
        registry.add("ingest.security.users[1].role", () -> "admin");
        registry.add("ingest.security.users[1].password", () -> bcrypt.encode(ADMIN_PW));
    }

    /** A handler that fails as a bug would, with an internal message that must not reach the caller. */
    @TestConfiguration
    static class FailingEndpoint {
        @Bean
        Failing failing() {
            return new Failing();
        }
    }

    @RestController
    static class Failing {
        @GetMapping("/api/test-failure")
        String fail() {
            throw new IllegalStateException("connection to " + SECRET + " refused");
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient client = HttpClient.newHttpClient();

    private record Answer(int status, HttpResponse<String> response, Map<String, Object> problem) {

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        String detail() {
            return String.valueOf(problem.get("detail"));
        }
    }

    private Answer call(String method, String pathAndQuery, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response, problemOf(response));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problemOf(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return Map.of("contentType", type, "body", response.body());
        }
        return JSON.readValue(response.body(), Map.class);
    }

    private Answer viewer(String pathAndQuery) throws Exception {
        return call("GET", pathAndQuery, "viewer", VIEWER_PW);
    }

    /** Status, problem content type, and the three fields every problem carries. */
    private static void assertProblem(Answer answer, int status, String title) {
        assertThat(answer.status()).as("status of %s", answer.problem()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.problem())
                .containsEntry("status", status)
                .containsEntry("title", title)
                .containsKey("detail");
        assertThat(answer.detail()).isNotBlank();
        assertThat(answer.response().body()).doesNotContain("Exception", "\tat ", "trace");
    }

    @Test
    void missingCredentialsAre401ProblemsThatStillNameTheScheme() throws Exception {
        Answer answer = call("GET", "/api/devices", null, null);
        assertProblem(answer, 401, "Unauthorized");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"ingest\"");

        Answer wrong = call("GET", "/api/devices", "viewer", "wrong");
        assertProblem(wrong, 401, "Unauthorized");
        assertThat(wrong.header("WWW-Authenticate")).isEqualTo("Basic realm=\"ingest\"");
    }

    @Test
    void anUnknownBearerTokenIsA401Problem() throws Exception {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alerts"))
                        .header("Authorization", "Bearer not-a-token")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Answer answer = new Answer(response.statusCode(), response, problemOf(response));
        assertProblem(answer, 401, "Unauthorized");
        assertThat(answer.header("WWW-Authenticate")).startsWith("Basic realm=");
    }

    @Test
    void aViewerChangingTheRegistryGetsA403Problem() throws Exception {
        Answer answer = call("POST", "/api/registry/reload", "viewer", VIEWER_PW);
        assertProblem(answer, 403, "Forbidden");
    }

    @Test
    void unknownPathsAndResourcesAre404Problems() throws Exception {
        assertProblem(viewer("/api/no-such-thing"), 404, "Not Found");
        Answer device = viewer("/api/devices/NO-SUCH-DEVICE");
        assertProblem(device, 404, "Not Found");
        assertThat(device.detail()).contains("NO-SUCH-DEVICE");
    }

    @Test
    void anUnsupportedMethodIsA405Problem() throws Exception {
        Answer answer = call("DELETE", "/api/devices", "admin", ADMIN_PW);
        assertProblem(answer, 405, "Method Not Allowed");
        assertThat(answer.header("Allow")).contains("GET");
    }

    @Test
    void missingAndMistypedParametersAre400Problems() throws Exception {
        Answer missing = viewer("/api/extracts");
        assertProblem(missing, 400, "Bad Request");
        assertThat(missing.detail()).contains("period");

        Answer mistyped = viewer("/api/quarantine?limit=many");
        assertProblem(mistyped, 400, "Bad Request");
        assertThat(mistyped.detail()).contains("limit");

        Answer badPeriod = viewer("/api/extracts?period=last-week");
        assertProblem(badPeriod, 400, "Bad Request");
        assertThat(badPeriod.detail()).contains("not a period");

        assertProblem(viewer("/api/readings?family=volcano&device=W0001"), 400, "Bad Request");
        assertProblem(viewer("/api/devices?kind=volcano"), 400, "Bad Request");
    }

    @Test
    void aPeriodLongerThanTheLimitIsA400ProblemNamingTheLimit() throws Exception {
        Answer answer = viewer("/api/extracts?period=0001-01-01..9999-12-31");
        assertProblem(answer, 400, "Bad Request");
        assertThat(answer.detail()).contains("0001-01-01..9999-12-31", "10 years", "ingest.extract.max-period");

        Answer eleven = viewer("/api/extracts?period=2015-01-01..2025-12-31&format=csv");
        assertProblem(eleven, 400, "Bad Request");
    }

    @Test
    void nulAndControlCharactersInParametersAre400ProblemsNot500() throws Exception {
        for (String path : new String[] {
            "/api/quarantine?device=%00",
            "/api/quarantine?reason=bad%00crc",
            "/api/readings?family=well&device=W0001%00",
            "/api/readings?family=well&device=W0001&parameter=flow%01",
            "/api/alerts?subject=a%1Bb",
            "/api/extracts?period=2025%00",
            "/api/devices?kind=well%7F"
        }) {
            Answer answer = viewer(path);
            assertProblem(answer, 400, "Bad Request");
            assertThat(answer.detail()).as(path).contains("control character");
        }
    }

    @Test
    void nulAndControlCharactersInThePathAre400ProblemsNot500() throws Exception {
        for (String path : new String[] {"/api/devices/%00", "/api/devices/W%0A1", "/api/devices/W%7F"}) {
            Answer answer = viewer(path);
            assertProblem(answer, 400, "Bad Request");
        }
    }

    @Test
    void aNulInABodyThatReachesTheDatabaseIsA400ProblemAndChangesNothing() throws Exception {
        long id = openAlert();
        Answer answer = acknowledge(id, "{\"comment\":\"crew\\u0000sent\"}");
        assertProblem(answer, 400, "Bad Request");
        assertThat(answer.detail()).contains("NUL");
        assertThat(jdbc.queryForObject("SELECT state FROM alert WHERE id = ?", String.class, id))
                .isEqualTo("open");
    }

    @Test
    void acknowledgingAnUnknownOrAClosedAlertIsAProblem() throws Exception {
        Answer unknown = acknowledge(-1, "{}");
        assertProblem(unknown, 404, "Not Found");
        assertThat(unknown.detail()).contains("-1");

        long id = openAlert();
        assertThat(acknowledge(id, "{\"comment\":\"seen\"}").status()).isEqualTo(200);
        Answer again = acknowledge(id, "{\"comment\":\"seen again\"}");
        assertProblem(again, 409, "Conflict");
        assertThat(again.detail()).contains("acknowledged");
    }

    @Test
    void aBodyOfAnUnsupportedMediaTypeIsA415Problem() throws Exception {
        long id = openAlert();
        Answer answer = post("/api/alerts/" + id + "/ack", "operator", OPERATOR_PW, "comment=seen", "text/plain");
        assertProblem(answer, 415, "Unsupported Media Type");
        assertThat(answer.header("Accept")).contains("application/json");
        assertThat(jdbc.queryForObject("SELECT state FROM alert WHERE id = ?", String.class, id))
                .isEqualTo("open");
    }

    @Test
    void aBodyThatIsNotJsonIsA400Problem() throws Exception {
        long id = openAlert();
        Answer answer =
                post("/api/alerts/" + id + "/ack", "operator", OPERATOR_PW, "{\"comment\":", "application/json");
        assertProblem(answer, 400, "Bad Request");
    }

    @Test
    void anOperatorReviewingAMarkGetsA403Problem() throws Exception {
        Answer answer =
                post("/api/marks/1/review", "operator", OPERATOR_PW, "{\"decision\":\"accepted\"}", "application/json");
        assertProblem(answer, 403, "Forbidden");
    }

    @Test
    void pathsOutsideTheApiAreProblemsToo() throws Exception {
        assertProblem(call("GET", "/no-such-page", null, null), 401, "Unauthorized");
        assertProblem(call("GET", "/no-such-page", "viewer", VIEWER_PW), 403, "Forbidden");
        assertProblem(call("GET", "/v3/api-docs", null, null), 401, "Unauthorized");
        assertProblem(call("DELETE", "/v3/api-docs", "viewer", VIEWER_PW), 403, "Forbidden");
    }

    private Answer post(String path, String user, String password, String body, String contentType) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response, problemOf(response));
    }

    private long openAlert() {
        return jdbc.queryForObject(
                "INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity, message_zh, message_en,"
                        + " opened_at, last_seen_at) VALUES ('test.rule', 'test', 'device', ?, 'breach', '超标',"
                        + " 'breach', now(), now()) RETURNING id",
                Long.class,
                "dev-" + UUID.randomUUID());
    }

    private Answer acknowledge(long id, String body) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("operator:" + OPERATOR_PW).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/alerts/" + id + "/ack"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response, problemOf(response));
    }

    @Test
    void overLongParameterValuesAre400Problems() throws Exception {
        String longValue = "W".repeat(2_000);
        for (String path : new String[] {
            "/api/quarantine?device=" + longValue,
            "/api/readings?family=well&device=" + longValue,
            "/api/devices/" + longValue
        }) {
            Answer answer = viewer(path);
            assertProblem(answer, 400, "Bad Request");
            assertThat(answer.detail()).as(path).contains("longer than");
        }
    }

    @Test
    void anUnexpectedFailureIsA500ProblemWithoutItsMessage() throws Exception {
        Answer answer = viewer("/api/test-failure");
        assertProblem(answer, 500, "Internal Server Error");
        assertThat(answer.response().body()).doesNotContain(SECRET, "IllegalState");
    }

    @Test
    void aProblemIsSentWhateverTheClientAccepts() throws Exception {
        String basic = Base64.getEncoder().encodeToString(("viewer:" + VIEWER_PW).getBytes(StandardCharsets.UTF_8));
        for (String accept : new String[] {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json", "text/html"
        }) {
            for (String path : new String[] {"/api/extracts?period=0001-01-01..9999-12-31", "/api/devices/NOPE"}) {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Basic " + basic)
                                .header("Accept", accept)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                Answer answer = new Answer(response.statusCode(), response, problemOf(response));
                assertThat(answer.header("Content-Type"))
                        .as("%s for Accept: %s", path, accept)
                        .startsWith("application/problem+json");
            }
        }
    }

    @Test
    void validRequestsStillWork() throws Exception {
        assertThat(viewer("/api/devices").status()).isEqualTo(200);
        assertThat(viewer("/api/quarantine?device=W0001").status()).isEqualTo(200);
        assertThat(viewer("/api/readings?family=well&device=W0001&parameter=flow")
                        .status())
                .isEqualTo(200);
        assertThat(viewer("/api/alerts?subject=%E6%B0%B4%E4%BA%95").status()).isEqualTo(200);
    }
}
