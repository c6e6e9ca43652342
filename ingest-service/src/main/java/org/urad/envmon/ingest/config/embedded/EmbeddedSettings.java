package org.urad.envmon.ingest.config.embedded;

import java.nio.file.Path;
import org.springframework.core.env.Environment;

/**
 * The {@code ingest.embedded.*} settings. They are read before the application context exists (by
 * {@link EmbeddedServicesEnvironmentPostProcessor}), hence not a {@code @ConfigurationProperties} bean.
 *
 * @param enabled {@code ingest.embedded.enabled} (true): start embedded services for URLs that are not configured
 * @param dataDir {@code ingest.embedded.data-dir} ({@code .data}): holds {@code postgres/} and {@code mqtt/}
 * @param reset {@code ingest.embedded.reset} (false): delete {@code postgres/} and {@code mqtt/} before starting
 * @param postgresPort {@code ingest.embedded.postgres.port} (54320; a free port if taken)
 * @param database {@code ingest.embedded.postgres.database} ({@code ingest})
 * @param mqttPort {@code ingest.embedded.mqtt.port} (1883; a free port if taken)
 * @param mqttBindAddress {@code ingest.embedded.mqtt.bind-address} (127.0.0.1; 0.0.0.0 to let field devices in)
 */
public record EmbeddedSettings(
        boolean enabled,
        Path dataDir,
        boolean reset,
        int postgresPort,
        String database,
        int mqttPort,
        String mqttBindAddress) {

    static final String PREFIX = "ingest.embedded.";

    public static EmbeddedSettings from(Environment env) {
        return new EmbeddedSettings(
                env.getProperty(PREFIX + "enabled", Boolean.class, true),
                Path.of(env.getProperty(PREFIX + "data-dir", ".data"))
                        .toAbsolutePath()
                        .normalize(),
                env.getProperty(PREFIX + "reset", Boolean.class, false),
                env.getProperty(PREFIX + "postgres.port", Integer.class, 54320),
                env.getProperty(PREFIX + "postgres.database", "ingest"),
                env.getProperty(PREFIX + "mqtt.port", Integer.class, 1883),
                env.getProperty(PREFIX + "mqtt.bind-address", "127.0.0.1"));
    }

    public Path postgresDir() {
        return dataDir.resolve("postgres");
    }

    public Path mqttDir() {
        return dataDir.resolve("mqtt");
    }
}
