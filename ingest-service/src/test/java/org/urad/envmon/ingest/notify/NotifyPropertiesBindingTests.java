package org.urad.envmon.ingest.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * Verifies that {@code ingest.notify.*} binds from environment variables as docker-compose.yml passes
 * them (a hyphenated key loses its hyphen: {@code mention-mobiles} is {@code MENTIONMOBILES}): an empty
 * chat URL turns the channel off, empty lists and URLs are none, and the defaults hold. The variables
 * are read from docker-compose.yml itself.
 */
class NotifyPropertiesBindingTests {

    @Test
    void theComposeFilesVariablesWithAnEmptyChatBindToAChannelThatIsOff() throws IOException {
        Map<String, Object> env = composeVariables();
        assertThat(env).containsKeys("INGEST_NOTIFY_CHANNELS_0_URL", "INGEST_NOTIFY_CONSOLEURL");
        NotifyProperties p = bind(env);
        assertThat(p.channels()).singleElement().satisfies(c -> {
            assertThat(c.enabled()).isFalse();
            assertThat(c.mentionMobiles()).isEmpty();
            assertThat(c.effectiveRateLimit()).isEqualTo(20);
        });
        assertThat(p.consoleUrl()).isNull();
        assertThat(p.maxAge()).isEqualTo(Duration.ofHours(24));
        assertThat(p.reminderInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(p.escalation().channels()).isEmpty();
    }

    @Test
    void aConfiguredRobotWithMentionsRateLimitAndEscalation() {
        NotifyProperties p = bind(Map.of(
                "INGEST_NOTIFY_CHANNELS_0_NAME", "duty",
                "INGEST_NOTIFY_CHANNELS_0_TYPE", "wecom",
                "INGEST_NOTIFY_CHANNELS_0_URL", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k",
                "INGEST_NOTIFY_CHANNELS_0_MENTIONMOBILES", "13800001111,13800002222",
                "INGEST_NOTIFY_CHANNELS_0_RATELIMIT", "10",
                "INGEST_NOTIFY_CONSOLEURL", "https://envmon.example/",
                "INGEST_NOTIFY_ESCALATION_AFTER", "6h",
                "INGEST_NOTIFY_ESCALATION_CHANNELS", "leaders"));
        assertThat(p.channels()).singleElement().satisfies(c -> {
            assertThat(c.enabled()).isTrue();
            assertThat(c.mentionMobiles()).containsExactly("13800001111", "13800002222");
            assertThat(c.effectiveRateLimit()).isEqualTo(10);
            assertThat(c.toString()).doesNotContain("key=k");
        });
        assertThat(p.consoleUrl()).hasToString("https://envmon.example/");
        assertThat(p.escalation().after()).isEqualTo(Duration.ofHours(6));
        assertThat(p.escalation().channels()).isEqualTo(List.of("leaders"));
    }

    /** The ingest service's INGEST_NOTIFY_* variables in docker-compose.yml, as .env.example leaves them (defaults). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> composeVariables() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        Map<String, Object> compose = new Yaml().load(Files.readString(dir.resolve("docker-compose.yml")));
        Map<String, Object> ingest =
                (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("ingest");
        Map<String, Object> env = new TreeMap<>();
        ((Map<String, Object>) ingest.get("environment")).forEach((k, v) -> {
            if (k.startsWith("INGEST_NOTIFY_")) {
                env.put(k, String.valueOf(v).replaceAll("\\$\\{\\w+:-([^}]*)}", "$1"));
            }
        });
        return env;
    }

    private static NotifyProperties bind(Map<String, Object> env) {
        StandardEnvironment environment = new StandardEnvironment();
        // named as the real one, so that the environment-variable name mapping applies
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("ingest.notify", NotifyProperties.class);
    }
}
