package org.urad.envmon.ingest.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** With no URLs configured the environment gets embedded ones; configured URLs are left alone. */
class EmbeddedServicesEnvironmentPostProcessorIntegrationTests {

    private final EmbeddedServicesEnvironmentPostProcessor postProcessor =
            new EmbeddedServicesEnvironmentPostProcessor(Supplier::get);
    private final StandardEnvironment environment = new StandardEnvironment();
    private Path dir;

    @BeforeEach
    void configureDataDirectory() throws IOException {
        dir = Files.createTempDirectory("ingest-embedded");
        set(Map.of(
                "ingest.embedded.data-dir", dir.toString(),
                "ingest.embedded.postgres.port", "0",
                "ingest.embedded.mqtt.port", "0"));
    }

    @AfterEach
    void releaseServices() {
        EmbeddedServices.release();
        UnprivilegedPostgresBinaries.deleteTree(dir);
    }

    @Test
    void pointsUnconfiguredUrlsAtEmbeddedServices() throws Exception {
        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        String jdbcUrl = environment.getProperty("spring.datasource.url");
        assertThat(jdbcUrl).startsWith("jdbc:postgresql://localhost:").endsWith("/ingest");
        assertThat(EmbeddedPostgresServerIntegrationTests.queryString(jdbcUrl, "SELECT current_database()"))
                .isEqualTo("ingest");
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("postgres");

        String mqttUrl = environment.getProperty("ingest.mqtt.url");
        assertThat(mqttUrl).startsWith("tcp://127.0.0.1:");
        MqttClient client = new MqttClient(mqttUrl, "epp-test", new MemoryPersistence());
        client.connect();
        assertThat(client.isConnected()).isTrue();
        client.disconnect();
        client.close();
        assertThat(dir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dir.resolve("mqtt/conf/config.xml")).exists();
    }

    @Test
    void leavesConfiguredUrlsAlone() {
        set(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db.example:5432/ingest",
                "ingest.mqtt.url", "tcp://broker.example:1883"));

        postProcessor.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.datasource.url"))
                .isEqualTo("jdbc:postgresql://db.example:5432/ingest");
        assertThat(environment.getProperty("ingest.mqtt.url")).isEqualTo("tcp://broker.example:1883");
        assertThat(environment.getPropertySources().contains(EmbeddedServicesEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isFalse();
        assertThat(dir).isEmptyDirectory();
    }

    private void set(Map<String, Object> properties) {
        environment.getPropertySources().addFirst(new MapPropertySource("test-" + properties.hashCode(), properties));
    }
}
