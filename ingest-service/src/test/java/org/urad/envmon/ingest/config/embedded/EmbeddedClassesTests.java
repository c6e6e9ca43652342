package org.urad.envmon.ingest.config.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Verifies how the service tells a demo build from a production build (no embedded services in the jar). */
class EmbeddedClassesTests {

    /** Sees only the JDK, as the production jar sees neither zonky nor HiveMQ. */
    private static final ClassLoader WITHOUT_EMBEDDED = new ClassLoader(ClassLoader.getPlatformClassLoader()) {};

    @Test
    void demoBuildNeedsNoUrl() {
        assertThat(EmbeddedClasses.missingSettings(true, true, getClass().getClassLoader()))
                .isEmpty();
    }

    @Test
    void productionBuildNamesEveryUrlItLacks() {
        assertThat(EmbeddedClasses.missingSettings(true, true, WITHOUT_EMBEDDED))
                .containsExactly("spring.datasource.url", "ingest.mqtt.url");
        assertThat(EmbeddedClasses.missingSettings(false, true, WITHOUT_EMBEDDED))
                .containsExactly("ingest.mqtt.url");
        assertThat(EmbeddedClasses.missingSettings(false, false, WITHOUT_EMBEDDED))
                .isEmpty();
    }

    @Test
    void messageSaysWhatToSet() {
        assertThat(EmbeddedClasses.notInThisBuild(java.util.List.of("spring.datasource.url")))
                .hasMessageContaining("set spring.datasource.url")
                .hasMessageContaining("production jar");
    }
}
