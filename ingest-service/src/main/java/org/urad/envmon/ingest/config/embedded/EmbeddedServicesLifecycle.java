package org.urad.envmon.ingest.config.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.Environment;

/** Prints where the embedded services are once the application is ready, and releases them when it closes. */
final class EmbeddedServicesLifecycle implements ApplicationListener<ApplicationEvent>, ApplicationContextAware {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServicesLifecycle.class);

    private final EmbeddedServices services;
    private final boolean database;
    private final boolean mqtt;
    private ApplicationContext context;
    private boolean released;

    EmbeddedServicesLifecycle(EmbeddedServices services, boolean database, boolean mqtt) {
        this.services = services;
        this.database = database;
        this.mqtt = mqtt;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == context) {
            log.info(banner(ready.getApplicationContext().getEnvironment()));
        } else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
            release();
        } else if (event instanceof ApplicationFailedEvent) {
            release();
        }
    }

    private synchronized void release() {
        if (!released) {
            released = true;
            EmbeddedServices.release();
        }
    }

    String banner(Environment env) {
        StringBuilder b = new StringBuilder("Ready.\n");
        b.append(line("MQTT", env.getProperty(EmbeddedServicesEnvironmentPostProcessor.MQTT_URL), mqtt));
        String port = env.getProperty("local.server.port");
        if (port != null) {
            b.append(line("HTTP", "http://localhost:" + port, false));
        }
        b.append(line("JDBC", env.getProperty(EmbeddedServicesEnvironmentPostProcessor.DATASOURCE_URL), database));
        services.postgres().filter(p -> database).ifPresent(p -> b.append(line("psql", p.psqlCommand(), false)));
        b.append(line("data", services.settings().dataDir().toString(), false));
        return b.toString().stripTrailing();
    }

    private static String line(String label, String value, boolean embedded) {
        return "    %-5s %s%s%n".formatted(label, value, embedded ? "  (embedded)" : "");
    }
}
