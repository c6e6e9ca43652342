package org.urad.envmon.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.urad.envmon.ingest.support.TestPublisher;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies on the whole service (real broker, pipeline, PostgreSQL, HTTP stack) that what senders and
 * callers choose never becomes a series on {@code /actuator/prometheus}: thousands of messages on random
 * last topic levels and hundreds of requests on random paths with random methods leave the scrape with
 * the series it had, give or take the closed tag values ({@code other}, a status code).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ingest.embedded.enabled=false") // read before dynamic properties exist
class ScrapeCardinalityIntegrationTests {

    private static final String VIEWER_PW = "viewer-" + UUID.randomUUID();
    private static final String PREFIX = "card-" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    private static final int MESSAGES = 2_000;
    private static final int REQUESTS = 400;
    private static final Pattern RECEIVED =
            Pattern.compile("^ingest_messages_received_messages_total\\{[^}]*} (\\S+)$", Pattern.MULTILINE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        String url = TestServices.freshDatabase("scrape_cardinality");
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestServices::user);
        registry.add("spring.datasource.password", TestServices::password);
        registry.add("ingest.mqtt.url", TestServices::mqttUrl);
        registry.add("ingest.mqtt.client-id", () -> "cardinality-" + UUID.randomUUID());
        registry.add("ingest.mqtt.topic-prefix", () -> PREFIX);
        registry.add("ingest.security.users[0].name", () -> "viewer");
        registry.add("ingest.security.users[0].role", () -> "viewer");
        registry.add("ingest.security.users[0].password", () -> new BCryptPasswordEncoder(4).encode(VIEWER_PW));
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Random random = new Random(424242L);

    @Test
    void randomSubtopicsPathsAndMethodsLeaveTheScrapeBounded() throws Exception {
        List<String> chosen = new ArrayList<>();
        try (TestPublisher device = new TestPublisher(TestServices.mqttUrl())) {
            publishRandom(device, 50, chosen);
            requestRandom(20, chosen);
            awaitReceived(50);
            String first = scrape();
            List<String> before = series(first);

            publishRandom(device, MESSAGES, chosen);
            requestRandom(REQUESTS, chosen);
            awaitReceived(50 + MESSAGES);
            String after = scrape();

            for (String token : chosen) {
                assertThat(after).as("a sender's choice in the scrape").doesNotContain(token);
            }
            List<String> added = new ArrayList<>(series(after));
            added.removeAll(before);
            assertThat(added)
                    .as("series added by %d messages and %d requests", MESSAGES, REQUESTS)
                    .hasSizeLessThan(40);
            assertThat(after.length()).isLessThan(first.length() + 40 * 400);
        }
    }

    /** Messages on {@code <prefix>/well/<device>/<random>}: each last level unique, none a decoder's format. */
    private void publishRandom(TestPublisher device, int n, List<String> chosen) {
        for (int i = 0; i < n; i++) {
            String level = "zq" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36) + "\u6c34";
            chosen.add(level);
            device.publish(PREFIX + "/well/W" + random.nextInt(100_000) + "/" + level, "{}");
        }
    }

    /** Requests with unique paths, half of them with a made-up method. */
    private void requestRandom(int n, List<String> chosen) throws Exception {
        for (int i = 0; i < n; i++) {
            String token = "zp" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
            String method = i % 2 == 0
                    ? "GET"
                    : "ZM" + Long.toString(random.nextInt(1 << 30), 36).toUpperCase();
            chosen.add(token);
            if (i % 2 == 1) {
                chosen.add(method);
            }
            HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/" + token + "/" + i))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .header("Authorization", basic())
                    .build();
            assertThat(http.send(request, HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .isBetween(400, 499);
        }
    }

    private void awaitReceived(double count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        double seen = 0;
        while (Instant.now().isBefore(deadline)) {
            Matcher m = RECEIVED.matcher(scrape());
            seen = 0;
            while (m.find()) {
                seen += Double.parseDouble(m.group(1));
            }
            if (seen >= count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("received " + seen + " messages, expected " + count);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/actuator/prometheus"))
                        .header("Authorization", basic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** Each sample line without its value. */
    private static List<String> series(String scrape) {
        List<String> series = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (!line.startsWith("#") && !line.isBlank()) {
                series.add(line.substring(0, line.lastIndexOf(' ')));
            }
        }
        return series;
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("viewer:" + VIEWER_PW).getBytes(StandardCharsets.UTF_8));
    }
}
