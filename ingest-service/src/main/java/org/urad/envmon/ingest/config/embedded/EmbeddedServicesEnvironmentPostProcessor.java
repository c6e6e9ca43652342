package org.urad.envmon.ingest.config.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Makes the service start with one command: when {@code spring.datasource.url} is not set, starts an embedded
 * PostgreSQL and points the datasource at it; when {@code ingest.mqtt.url} is not set, starts an embedded MQTT
 * broker and points the client at it. {@code ingest.embedded.enabled=false} turns both off. Runs after the
 * application's configuration files are loaded, so URLs set there or in the environment always win. Running on
 * embedded services is the demo, so it also turns on {@code ingest.security.demo-users} unless that is set. The
 * production jar has no embedded services: there a missing URL stops the start with a message naming it.
 */
public class EmbeddedServicesEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String DATASOURCE_URL = "spring.datasource.url";
    static final String MQTT_URL = "ingest.mqtt.url";
    static final String PROPERTY_SOURCE = "embeddedServices";
    static final String DEMO_USERS = "ingest.security.demo-users";

    private final Log log;

    public EmbeddedServicesEnvironmentPostProcessor(DeferredLogFactory logFactory) {
        this.log = logFactory.getLog(EmbeddedServicesEnvironmentPostProcessor.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        EmbeddedSettings settings = EmbeddedSettings.from(environment);
        boolean database = !StringUtils.hasText(environment.getProperty(DATASOURCE_URL));
        boolean mqtt = !StringUtils.hasText(environment.getProperty(MQTT_URL));
        if (!settings.enabled() || !(database || mqtt)) {
            return;
        }
        List<String> missing = EmbeddedClasses.missingSettings(database, mqtt, application.getClassLoader());
        if (!missing.isEmpty()) {
            throw EmbeddedClasses.notInThisBuild(missing);
        }
        log.info("Starting embedded " + (database ? "PostgreSQL " : "") + (database && mqtt ? "and " : "")
                + (mqtt ? "MQTT broker " : "") + "in " + settings.dataDir());
        EmbeddedServices services;
        try {
            services = EmbeddedServices.acquire(settings, database, mqtt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded services in " + settings.dataDir(), e);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        if (database) {
            EmbeddedPostgresServer postgres = services.postgres().orElseThrow();
            properties.put(DATASOURCE_URL, postgres.jdbcUrl());
            properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
            properties.put("spring.datasource.password", "");
        }
        if (mqtt) {
            properties.put(MQTT_URL, services.broker().orElseThrow().url());
        }
        if (!environment.containsProperty(DEMO_USERS)) {
            properties.put(DEMO_USERS, "true"); // the demo: generated API passwords, shown on the console
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        application.addListeners(new EmbeddedServicesLifecycle(services, database, mqtt));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
