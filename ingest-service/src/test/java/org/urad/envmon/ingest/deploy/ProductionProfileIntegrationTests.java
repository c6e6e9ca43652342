package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.urad.envmon.ingest.IngestApplication;
import org.urad.envmon.ingest.support.TestServices;

/**
 * Verifies the {@code production} profile as docker-compose.yml runs it: the service refuses to start on the
 * built-in sample registry unless told to, and reports its build on {@code /actuator/info}.
 */
class ProductionProfileIntegrationTests {

    private static final String TOKEN = "info-reader-token-" + UUID.randomUUID();

    @Test
    void refusesToStartOnTheSampleRegistry() {
        Throwable failure = catchThrowable(() -> start(List.of()).close());

        assertThat(failure).isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("built-in sample registry")
                .hasMessageContaining("ingest.registry.allow-sample");
    }

    @Test
    void startsOnTheSampleWhenAllowedAndShowsItsBuildOnActuatorInfo() throws Exception {
        try (ConfigurableApplicationContext context = start(List.of("--ingest.registry.allow-sample=true"))) {
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> info = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/info"))
                                    .header("Authorization", "Bearer " + TOKEN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
            // build-info.properties is written by the spring-boot-maven-plugin during the Maven build
            assertThat(info.body()).contains("\"build\"").contains("\"artifact\":\"ingest-service\"");
            assertThat(info.body()).contains("\"version\":\"");
        }
    }

    private static ConfigurableApplicationContext start(List<String> extra) {
        SpringApplication app = new SpringApplication(IngestApplication.class);
        app.setAdditionalProfiles("production");
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=" + TestServices.freshDatabase("production"),
                "--spring.datasource.username=" + TestServices.user(),
                "--spring.datasource.password=" + TestServices.password(),
                "--ingest.mqtt.url=" + TestServices.mqttUrl(),
                "--ingest.mqtt.client-id=production-" + UUID.randomUUID(),
                "--ingest.security.users[0].name=ops",
                "--ingest.security.users[0].role=viewer",
                "--ingest.security.users[0].token=" + TOKEN,
                "--server.port=0"));
        args.addAll(extra);
        return app.run(args.toArray(String[]::new));
    }
}
