package org.urad.envmon.ingest.config.embedded;

import java.util.ArrayList;
import java.util.List;
import org.springframework.util.ClassUtils;

/**
 * Whether this build carries the embedded services. The demo jar does; the production jar ({@code mvn -Pproduction})
 * leaves the embedded PostgreSQL and HiveMQ out, so a URL it lacks is a configuration error, said plainly, rather
 * than a {@link NoClassDefFoundError} deep inside startup.
 */
final class EmbeddedClasses {

    static final String POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";
    static final String BROKER = "com.hivemq.embedded.EmbeddedHiveMQ";

    private EmbeddedClasses() {}

    /** The settings that must be configured because the embedded service that would stand in is not in this build. */
    static List<String> missingSettings(boolean database, boolean mqtt, ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        if (database && !ClassUtils.isPresent(POSTGRES, classLoader)) {
            missing.add(EmbeddedServicesEnvironmentPostProcessor.DATASOURCE_URL);
        }
        if (mqtt && !ClassUtils.isPresent(BROKER, classLoader)) {
            missing.add(EmbeddedServicesEnvironmentPostProcessor.MQTT_URL);
        }
        return missing;
    }

    static IllegalStateException notInThisBuild(List<String> missing) {
        return new IllegalStateException("This build of the service has no embedded PostgreSQL or MQTT broker (the"
                + " production jar): set " + String.join(" and ", missing)
                + " (environment: SPRING_DATASOURCE_URL, INGEST_MQTT_URL), or run the demo jar");
    }
}
