package org.urad.envmon.ingest.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.urad.envmon.ingest.config.IngestProperties;

/** Verifies that the buffer the benchmark measures is the one the service ships (application.yml). */
class PipelinesTests {

    @Test
    void theMeasuredBufferIsTheShippedOne() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader()
                .load("application", new ClassPathResource("application.yml"))
                .forEach(source -> environment.getPropertySources().addLast(source));
        IngestProperties.Buffer shipped = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("ingest.buffer", IngestProperties.Buffer.class);
        assertThat(Pipelines.SERVICE_BUFFER)
                .usingRecursiveComparison()
                .ignoringFields("deadLetterDirectory")
                .isEqualTo(shipped);
    }
}
