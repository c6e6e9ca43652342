package org.urad.envmon.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.urad.envmon.ingest.support.TestServices;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies, over real HTTP against PostgreSQL, that the API is one API: every JSON property name it sends is
 * camelCase, every list pages with an opaque cursor that neither repeats nor loses a row while rows are being
 * added, and the OpenAPI document (with its UI) describes every endpoint the application maps.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ingest.embedded.enabled=false") // read before dynamic properties exist
class ApiConsistencyIntegrationTests {

    private static final String VIEWER_PW = "viewer-" + UUID.randomUUID();
    private static final String OPERATOR_PW = "operator-" + UUID.randomUUID();
    private static final String ADMIN_PW = "admin-" + UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        String url = TestServices.freshDatabase("api_consistency");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "api-consistency-" + UUID.randomUUID());
        registry.add(
                "ingest.mqtt.topic-prefix",
                () -> "cons-" + UUID.randomUUID().toString().substring(0, 8) + "/v1");
        String[][] users = {{"viewer", VIEWER_PW}, {"operator", OPERATOR_PW}, {"admin", ADMIN_PW}};
        for (int i = 0; i < users.length; i++) {
            String name = users[i][0];
            String password = bcrypt.encode(users[i][1]);
            registry.add("ingest.security.users[%d].name".formatted(i), () -> name);
            registry.add("ingest.security.users[%d].role".formatted(i), () -> name);
            registry.add("ingest.security.users[%d].password".formatted(i), () -> password);
        }
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final HttpClient client = HttpClient.newHttpClient();

    // ---- camelCase -------------------------------------------------------------------------------------

    @Test
    void everyJsonPropertyNameTheApiSendsIsCamelCase() throws Exception {
        String monitor = seedEverything();
        List<String> walked = new ArrayList<>();
        List<String> offences = new ArrayList<>();
        Map<String, Object> paths = paths();
        for (String path : new TreeSet<>(paths.keySet())) {
            if (!(operations(paths, path).get("get") instanceof Map<?, ?>)) {
                continue;
            }
            for (String url : urls(path, monitor)) {
                HttpResponse<String> response = send("GET", url, "admin", ADMIN_PW, null, null);
                assertThat(response.statusCode())
                        .as("GET %s: %s", url, response.body())
                        .isEqualTo(200);
                if (contentType(response).contains("json")) {
                    offending(JSON.readValue(response.body(), Object.class), "$", offences);
                    walked.add("GET " + url);
                }
            }
        }
        long alert = openAlert("walk-" + UUID.randomUUID(), Instant.now());
        for (String[] post : new String[][] {
            {"/api/alerts/" + alert + "/ack", "{\"comment\":\"已通知运维\"}"},
            {
                "/api/indicators/manual",
                "{\"key\":\"walk_indicator\",\"enteredBy\":\"admin\",\"nameZh\":\"测试指标\",\"value\":1.5,\"unit\":\"%\",\"asOf\":\"2025-09-30\","
                        + "\"source\":\"test\",\"direction\":\"le\",\"target\":2.0}"
            },
            {"/api/registry/reload", null},
            {"/api/marks/" + firstMark() + "/review", "{\"decision\":\"accepted\"}"},
            {"/api/marks", "{\"deviceId\":\"NO-SUCH-MONITOR\"}"},
            {"/api/import?file=walk.csv&dryRun=true", "device_id,parameter,ts,value\nW0001,gw_level,bad,1\n"}
        }) {
            String type = post[0].startsWith("/api/import") ? "text/csv" : "application/json";
            HttpResponse<String> response = send("POST", post[0], "admin", ADMIN_PW, post[1], type);
            assertThat(contentType(response))
                    .as("POST %s: %s", post[0], response.body())
                    .contains("json");
            offending(JSON.readValue(response.body(), Object.class), "$", offences);
            walked.add("POST " + post[0] + " " + response.statusCode());
        }
        assertThat(walked).as("the walk reached the list endpoints").hasSizeGreaterThan(8);
        assertThat(offences)
                .as("property names that are not camelCase, walking %s", walked)
                .isEmpty();
    }

    /** Every GET URL to call for a documented path: its variables filled, its required parameters given. */
    private List<String> urls(String path, String monitor) {
        String filled = fill(path, monitor);
        return switch (path) {
            case "/api/readings" ->
                List.of(filled + "?family=well&device=W0001", filled + "?family=cems&device=" + monitor);
            case "/api/extracts" -> List.of(filled + "?period=2025-Q3&format=json");
            case "/api/marks", "/api/marks/tasks" ->
                List.of(filled + "?from=2025-11-01T00:00:00Z&to=2025-11-03T00:00:00Z");
            case "/api/alerts", "/api/quarantine" -> List.of(filled, filled + "?limit=2");
            default -> List.of(filled);
        };
    }

    private String fill(String path, String monitor) {
        Matcher m = PATH_VARIABLE.matcher(path);
        StringBuilder url = new StringBuilder();
        while (m.find()) {
            String value = switch (path) {
                case "/api/devices/{id}", "/api/monitors/{id}/commands" -> monitor;
                case "/api/marks/{id}" -> String.valueOf(firstMark());
                default -> throw new AssertionError("no value for {" + m.group(1) + "} of " + path);
            };
            m.appendReplacement(url, Matcher.quoteReplacement(value));
        }
        m.appendTail(url);
        return url.toString();
    }

    /** Collects the JSON pointer of every property whose name is not camelCase. */
    private static void offending(Object json, String at, List<String> offences) {
        if (json instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                String name = String.valueOf(k);
                if (!CAMEL.matcher(name).matches()) {
                    offences.add(at + "." + name);
                }
                offending(v, at + "." + name, offences);
            });
        } else if (json instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                offending(list.get(i), at + "[" + i + "]", offences);
            }
        }
    }

    // ---- paging ----------------------------------------------------------------------------------------

    @Test
    void alertsPageByCursorWithoutRepeatsOrGapsWhileAlertsAreAdded() throws Exception {
        String subject = "page-" + UUID.randomUUID();
        Instant base = Instant.parse("2025-06-01T00:00:00Z");
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            expected.add(0, openAlert("page.rule", subject + "-" + i, base.plusSeconds(60L * i)));
        }
        List<Long> late = new ArrayList<>();
        List<Map<String, Object>> items = walk("/api/alerts?rule=page.rule&limit=5", page -> {
            if (page == 1) {
                openAlert("page.rule", subject + "-newer", base.plusSeconds(86_400)); // ahead of the cursor: not seen
                late.add(openAlert("page.rule", subject + "-older", base.minusSeconds(60))); // behind it: comes last
            }
        });
        expected.addAll(late);
        assertThat(items).extracting(a -> ((Number) a.get("id")).longValue()).containsExactlyElementsOf(expected);
    }

    @Test
    void readingsPageByCursorInTimeThenKeyOrder() throws Exception {
        String device = "PAGE-" + UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.parse("2025-07-01T00:00:00Z");
        List<String> expected = new ArrayList<>();
        for (int minute = 9; minute >= 0; minute--) {
            for (String parameter : new String[] {"gw_level", "flow", "volume_total"}) {
                reading(device, parameter, base.plus(minute, ChronoUnit.MINUTES));
            }
            Instant t = base.plus(minute, ChronoUnit.MINUTES);
            expected.addAll(List.of(t + " volume_total", t + " gw_level", t + " flow"));
        }
        List<Map<String, Object>> items = walk("/api/readings?family=well&device=" + device + "&limit=4", page -> {
            if (page == 2) {
                reading(device, "flow", base.plus(1, ChronoUnit.HOURS)); // newer than the cursor: not repeated
            }
        });
        assertThat(items)
                .extracting(r -> r.get("time") + " " + r.get("parameter"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void quarantinePagesByCursorNewestFirst() throws Exception {
        String device = "Q-" + UUID.randomUUID().toString().substring(0, 8);
        Instant base = Instant.parse("2025-08-01T00:00:00Z");
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            expected.add(0, quarantined(device, base.plusSeconds(i), "bad-" + i));
        }
        // two rows with the same time: the id decides
        long same1 = quarantined(device, base.minusSeconds(10), "same-a");
        long same2 = quarantined(device, base.minusSeconds(10), "same-b");
        expected.addAll(List.of(Math.max(same1, same2), Math.min(same1, same2)));
        List<Map<String, Object>> items = walk("/api/quarantine?device=" + device + "&limit=5", page -> {});
        assertThat(items).extracting(q -> ((Number) q.get("id")).longValue()).containsExactlyElementsOf(expected);
    }

    @Test
    void aCursorThatIsNotOneIsA400Problem() throws Exception {
        for (String cursor : new String[] {
            "not-a-cursor", "WyJ4Il0", Cursor.of("x", "y", "z").encode()
        }) {
            HttpResponse<String> response = send(
                    "GET",
                    "/api/alerts?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8),
                    "viewer",
                    VIEWER_PW);
            assertThat(response.statusCode()).as(cursor).isEqualTo(400);
            assertThat(contentType(response)).startsWith("application/problem+json");
            assertThat(response.body()).contains("cursor");
        }
    }

    @Test
    void aLimitAboveTheMaximumIsCutToIt() throws Exception {
        Map<String, Object> page = json(send("GET", "/api/devices?limit=100000", "viewer", VIEWER_PW));
        assertThat((List<?>) page.get("items")).hasSizeLessThanOrEqualTo(Page.MAX_LIMIT);
        assertThat(page).containsKey("nextCursor");
    }

    /** Follows {@code nextCursor} to the end, calling {@code between} after each page (numbered from 1). */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> walk(String first, Consumer<Integer> between) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String url =
                    cursor == null ? first : first + "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
            Map<String, Object> page = json(send("GET", url, "viewer", VIEWER_PW));
            List<Map<String, Object>> pageItems = (List<Map<String, Object>>) page.get("items");
            assertThat(pageItems.size()).as("page size of %s", url).isLessThanOrEqualTo(limitOf(first));
            items.addAll(pageItems);
            cursor = (String) page.get("nextCursor");
            pages++;
            between.accept(pages);
            assertThat(pages).as("pages of %s", first).isLessThan(100);
        } while (cursor != null);
        assertThat(pages).as("more than one page").isGreaterThan(1);
        return items;
    }

    private static int limitOf(String url) {
        Matcher m = Pattern.compile("limit=(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.parseInt(Page.DEFAULT_LIMIT_TEXT);
    }

    // ---- the OpenAPI document and its UI -----------------------------------------------------------------

    @Test
    void theDocumentListsEveryApiEndpointTheApplicationMaps() throws Exception {
        TreeSet<String> mapped = new TreeSet<>();
        TreeSet<String> pages = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getName().startsWith("org.springdoc")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
                } else {
                    pages.add(pattern);
                }
            }
        });
        TreeSet<String> documented = new TreeSet<>();
        Map<String, Object> paths = paths();
        paths.forEach((path, item) -> operations(paths, path)
                .keySet()
                .forEach(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        assertThat(documented).containsExactlyElementsOf(mapped);
        assertThat(mapped).hasSizeGreaterThan(15);
        // everything else the application maps is a console page (HTML), the sign-in page or the error page
        assertThat(pages)
                .allMatch(p -> p.equals("/") || p.equals("/login") || p.equals("/error") || p.startsWith("/console"));
    }

    @Test
    void theDocumentNamesTheSecuritySchemesAndThePagingAndErrorConventions() throws Exception {
        Map<String, Object> doc = json(send("GET", "/v3/api-docs", "viewer", VIEWER_PW));
        assertThat(String.valueOf(doc.get("openapi"))).startsWith("3.");
        assertThat(String.valueOf(doc.get("info"))).contains("nextCursor", "application/problem+json");
        assertThat(String.valueOf(doc.get("components"))).contains("basic", "bearer");
        assertThat(String.valueOf(doc.get("tags"))).contains("alerts", "quarantine", "readings", "marks");
    }

    @Test
    void theUiLoadsFromTheJarForAnySignedInUser() throws Exception {
        HttpResponse<String> page = send("GET", "/swagger-ui/index.html", "viewer", VIEWER_PW);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        HttpResponse<String> bundle = send("GET", "/swagger-ui/swagger-ui-bundle.js", "viewer", VIEWER_PW);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body().length()).isGreaterThan(100_000);
        HttpResponse<String> config = send("GET", "/v3/api-docs/swagger-config", "viewer", VIEWER_PW);
        assertThat(json(config)).containsEntry("url", "/v3/api-docs");
        HttpResponse<String> entry = send("GET", "/swagger-ui.html", "viewer", VIEWER_PW);
        assertThat(entry.statusCode()).isEqualTo(302);
        assertThat(entry.headers().firstValue("Location").orElse("")).contains("/swagger-ui/index.html");
    }

    @Test
    void withoutSigningInTheUiSendsToTheSignInPageAndTheDocumentIsA401Problem() throws Exception {
        HttpResponse<String> page = send("GET", "/swagger-ui/index.html", null, null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/login");
        HttpResponse<String> doc = send("GET", "/v3/api-docs", null, null);
        assertThat(doc.statusCode()).isEqualTo(401);
        assertThat(contentType(doc)).startsWith("application/problem+json");
        assertThat(send("GET", "/v3/api-docs", "viewer", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aConsoleSessionReadsTheDocument() throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager())
                .build();
        String login = browser.send(
                        request("GET", "/login", null, null, null, null).build(), ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
        String form = "username=viewer&password=" + URLEncoder.encode(VIEWER_PW, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = browser.send(
                request("POST", "/login", null, null, form, "application/x-www-form-urlencoded")
                        .build(),
                ofString());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
        HttpResponse<String> doc = browser.send(
                request("GET", "/v3/api-docs", null, null, null, null).build(), ofString());
        assertThat(doc.statusCode()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/alerts");
        HttpResponse<String> console = browser.send(
                request("GET", "/console/alerts", null, null, null, null).build(), ofString());
        assertThat(console.body()).contains("/swagger-ui.html");
    }

    // ---- helpers -------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private Map<String, Object> paths() throws Exception {
        return (Map<String, Object>)
                json(send("GET", "/v3/api-docs", "viewer", VIEWER_PW)).get("paths");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> operations(Map<String, Object> paths, String path) {
        Map<String, Object> item = (Map<String, Object>) paths.get(path);
        Map<String, Object> operations = new java.util.LinkedHashMap<>();
        item.forEach((k, v) -> {
            if (List.of("get", "put", "post", "delete", "patch", "head", "options")
                    .contains(k)) {
                operations.put(k, v);
            }
        });
        return operations;
    }

    /** Seeds a row for every list the walk reads; answers a monitor's id. */
    private String seedEverything() {
        String monitor = jdbc.queryForObject("SELECT device_id FROM monitor ORDER BY device_id LIMIT 1", String.class);
        openAlert("seed-" + UUID.randomUUID(), Instant.now());
        quarantined("W0001", Instant.now(), "seed-" + UUID.randomUUID());
        reading("W0001", "gw_level", Instant.parse("2025-09-01T00:00:00Z"));
        jdbc.update(
                "INSERT INTO monitor_command (device_id, mn, cn, qn, reason, detail, sent_at, outcome, attempt)"
                        + " SELECT device_id, mn, '1012', '20250901000000000', 'clock skew', '', now(), 'sent', 1"
                        + " FROM monitor WHERE device_id = ?",
                monitor);
        jdbc.update(
                "INSERT INTO data_mark (mark_id, version, device_id, parameter, starts_at, ends_at, kind, reason,"
                        + " source, author, made_at, due_at) VALUES (nextval('data_mark_number'), 1, ?, NULL,"
                        + " '2025-11-01T08:00:00Z', '2025-11-01T09:00:00Z', 'maintenance', '维护', 'bureau', 'admin',"
                        + " now(), now())",
                monitor);
        return monitor;
    }

    private long firstMark() {
        return jdbc.queryForObject("SELECT min(mark_id) FROM data_mark", Long.class);
    }

    private long openAlert(String subject, Instant opened) {
        return openAlert("walk.rule", subject, opened);
    }

    private long openAlert(String rule, String subject, Instant opened) {
        return jdbc.queryForObject(
                "INSERT INTO alert (rule_id, report_item, subject_kind, subject_id, severity, message_zh, message_en,"
                        + " evidence, opened_at, last_seen_at) VALUES (?, 'test', 'device', ?, 'breach', '超标',"
                        + " 'breach', '{\"valid_minutes\": 60, \"readings_from\": \"2025-06-01T00:00:00Z\"}', ?, ?)"
                        + " RETURNING id",
                Long.class,
                rule,
                subject,
                Timestamp.from(opened),
                Timestamp.from(opened));
    }

    private void reading(String device, String parameter, Instant at) {
        jdbc.update(
                "INSERT INTO well_reading (device_id, parameter, ts, value, flag, valid, received_at)"
                        + " VALUES (?, ?, ?, 1.0, 'N', true, ?)",
                device,
                parameter,
                Timestamp.from(at),
                Timestamp.from(at));
    }

    private long quarantined(String device, Instant at, String detail) {
        byte[] payload = detail.getBytes(StandardCharsets.UTF_8);
        return jdbc.queryForObject(
                "INSERT INTO quarantine (topic, topic_sha256, device_id, format, reason, detail, payload, payload_sha256,"
                        + " received_at, last_seen_at) VALUES ('t/x', sha256('t/x'::bytea), ?, 'json', 'bad_json', ?, ?,"
                        + " sha256(?), ?, ?) RETURNING id",
                Long.class,
                device,
                detail,
                payload,
                payload,
                Timestamp.from(at),
                Timestamp.from(at));
    }

    private HttpResponse<String> send(String method, String path, String user, String password) throws Exception {
        return send(method, path, user, password, null, null);
    }

    private HttpResponse<String> send(
            String method, String path, String user, String password, String body, String contentType)
            throws Exception {
        return client.send(
                request(method, path, user, password, body, contentType).build(), ofString());
    }

    private HttpRequest.Builder request(
            String method, String path, String user, String password, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        }
        return request;
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }

    private static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(200);
        return JSON.readValue(response.body(), Map.class);
    }
}
