package org.urad.envmon.ingest.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** Verifies docker-compose.yml: valid for docker-compose itself, pinned, healthy, and free of secrets. */
class ComposeFileTests {

    private static final Pattern PINNED = Pattern.compile("[\\w./-]+:(?!latest$)[\\w.-]*\\d[\\w.-]*");

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Optional<Path> binary = onPath("docker-compose");
        assumeTrue(binary.isPresent(), "docker-compose is not installed (apt-get install docker-compose): not checked");
        Path root = RepositoryFiles.root();
        Process p = new ProcessBuilder(
                        binary.get().toString(),
                        "-f",
                        root.resolve("docker-compose.yml").toString(),
                        "--env-file",
                        root.resolve(".env.example").toString(),
                        "config",
                        "-q")
                .directory(root.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }

    /**
     * The SZY 206 and SL 651 listeners as HJ 212's: off and on loopback unless {@code .env} says, then
     * enabled in the service and published on the given address at the port the service listens on.
     */
    @Test
    void theTerminalListenersAreSwitchedAndPublishedFromTheEnvironment() throws Exception {
        assumeTrue(onPath("docker-compose").isPresent(), "docker-compose is not installed: not checked");
        @SuppressWarnings("unchecked")
        Map<String, Object> ingest = (Map<String, Object>) ((Map<String, Object>) new Yaml()
                        .load(Files.readString(
                                RepositoryFiles.resolve("ingest-service/src/main/resources/application.yml"))))
                .get("ingest");
        for (String protocol : List.of("szy206", "sl651")) {
            String var = protocol.toUpperCase(Locale.ROOT);
            @SuppressWarnings("unchecked")
            int port = (Integer) ((Map<String, Object>) ingest.get(protocol)).get("port");

            Map<String, Object> off = composeConfig(Map.of()).get("ingest");
            assertThat(environment(off)).containsEntry("INGEST_" + var + "_ENABLED", "false");
            assertThat(ports(off)).contains("127.0.0.1:" + port + ":" + port + "/tcp");

            Map<String, Object> on = composeConfig(Map.of(
                            var + "_ENABLED", "true",
                            var + "_BIND", "0.0.0.0",
                            var + "_PORT", "1" + port,
                            var + "_TLS_KEY_STORE", "/app/config/tls/server.p12"))
                    .get("ingest");
            assertThat(environment(on))
                    .containsEntry("INGEST_" + var + "_ENABLED", "true")
                    .containsEntry("INGEST_" + var + "_TLS_KEY_STORE", "/app/config/tls/server.p12");
            assertThat(ports(on)).as(protocol).contains("0.0.0.0:1" + port + ":" + port + "/tcp");
        }
        String example = Files.readString(RepositoryFiles.resolve(".env.example"));
        assertThat(example).contains("SZY206_ENABLED=false", "SL651_ENABLED=false", "HJ212_ENABLED=false");
    }

    /** The EMQX nodes authenticate devices from the generator's file, with the hash it writes. */
    @Test
    void theEmqxNodesBootstrapDeviceLoginsFromTheGeneratedFile() throws IOException {
        String conf = Files.readString(RepositoryFiles.resolve("ingest-service/deploy/emqx/emqx.conf"));
        Matcher file = Pattern.compile("bootstrap_file = \"(/opt/emqx/etc/generated)/emqx-users\\.csv\"")
                .matcher(conf);
        assertThat(file.find()).as("bootstrap_file in emqx.conf").isTrue();
        assertThat(conf)
                .contains("bootstrap_type = hash", "backend = built_in_database", "user_id_type = username")
                .contains("name = pbkdf2", "mac_fun = sha512", "iterations = 101", "dk_length = 64");
        for (String node : List.of("emqx-1", "emqx-2")) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) services().get(node).get("volumes");
            assertThat(volumes)
                    .as(node)
                    .contains(
                            "broker-credentials:" + file.group(1) + ":ro",
                            "./ingest-service/deploy/emqx/emqx.conf:/opt/emqx/etc/emqx.conf:ro");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> credentials = services().get("broker-credentials");
        assertThat((List<String>) credentials.get("volumes")).contains("broker-credentials:/generated");
        assertThat(String.valueOf(credentials.get("command"))).contains("/generated/emqx-users.csv");
    }

    @Test
    void everyImageIsPinnedAndEveryLongRunningServiceRestartsAndHasAHealthCheck() throws IOException {
        for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
            Map<String, Object> s = e.getValue();
            String image = (String) s.get("image");
            assertThat(image).as("image of %s", e.getKey()).isNotNull();
            if (!image.startsWith("urad/")) {
                assertThat(image).as("image of %s is pinned", e.getKey()).matches(PINNED);
            }
            if (s.containsKey("profiles")) {
                continue;
            }
            assertThat(s.get("restart")).as("restart of %s", e.getKey()).isEqualTo("unless-stopped");
            assertThat(s).as("health check of %s", e.getKey()).containsKey("healthcheck");
        }
    }

    @Test
    void theDatabaseIsAReleaseOfTheTestedVersionMatrix() throws IOException {
        String image = (String) services().get("timescaledb").get("image");
        Matcher m = Pattern.compile("timescale/timescaledb:(\\d+\\.\\d+\\.\\d+)-pg(\\d+)")
                .matcher(image);
        assertThat(m.matches())
                .as("image %s names a TimescaleDB release and PostgreSQL major", image)
                .isTrue();
        assertThat(Files.readString(RepositoryFiles.resolve("README.md")))
                .as("README's version matrix lists the compose file's release")
                .contains("| TimescaleDB " + m.group(1) + " on PostgreSQL " + m.group(2) + ".");
    }

    @Test
    void theServiceGetsItsSettingsFromTheEnvironmentAndTimescaleDbIsRequired() throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> env = (Map<String, Object>) services().get("ingest").get("environment");
        assertThat(env)
                .containsKeys(
                        "SPRING_DATASOURCE_URL",
                        "SPRING_DATASOURCE_USERNAME",
                        "SPRING_DATASOURCE_PASSWORD",
                        "INGEST_MQTT_URL",
                        "INGEST_MQTT_USERNAME",
                        "INGEST_MQTT_PASSWORD")
                .containsEntry("SPRING_FLYWAY_PLACEHOLDERS_TIMESCALEDB", "required");
    }

    /** pg_dump and the replica must be the primary's version: a TimescaleDB upgrade changes all three. */
    @Test
    void backupAndReplicaRunTheDatabaseImage() throws IOException {
        Object image = services().get("timescaledb").get("image");
        assertThat(services().get("backup").get("image")).isEqualTo(image);
        assertThat(services().get("timescaledb-replica").get("image")).isEqualTo(image);
    }

    @Test
    void noSecretIsWrittenIntoTheComposeFile() throws IOException {
        for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
            Object env = e.getValue().get("environment");
            if (env instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    if (k.toString().contains("PASSWORD")) {
                        assertThat(String.valueOf(v))
                                .as("%s of %s comes from .env", k, e.getKey())
                                .startsWith("${");
                    }
                });
            }
        }
        String example = Files.readString(RepositoryFiles.resolve(".env.example"));
        Matcher m = Pattern.compile("(?m)^(\\w*PASSWORD)=(.*)$").matcher(example);
        while (m.find()) {
            assertThat(m.group(2)).as(m.group(1) + " in .env.example").isIn("", "change-me");
        }
    }

    @Test
    void everyMountedFileIsInTheRepository() throws IOException {
        for (Map.Entry<String, Map<String, Object>> e : services().entrySet()) {
            @SuppressWarnings("unchecked")
            List<String> volumes = (List<String>) e.getValue().getOrDefault("volumes", List.of());
            for (String v : volumes) {
                String source = v.split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(RepositoryFiles.resolve(source.substring(2)))
                            .as("mounted into %s", e.getKey())
                            .exists();
                }
            }
        }
        assertThat(RepositoryFiles.resolve("ingest-service/Dockerfile")).exists();
    }

    /** The services as {@code docker-compose config} resolves them with .env.example and {@code env}. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> composeConfig(Map<String, String> env) throws Exception {
        Path root = RepositoryFiles.root();
        ProcessBuilder builder = new ProcessBuilder(
                        onPath("docker-compose").orElseThrow().toString(),
                        "-f",
                        root.resolve("docker-compose.yml").toString(),
                        "--env-file",
                        root.resolve(".env.example").toString(),
                        "config")
                .directory(root.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(errors).isZero();
        return (Map<String, Map<String, Object>>) ((Map<String, Object>) new Yaml().load(output)).get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> service) {
        return (Map<String, Object>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ports(Map<String, Object> service) {
        return ((List<Object>) service.get("ports"))
                .stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(RepositoryFiles.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) yaml.get("services");
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> Stream.of("/usr/sbin", "/usr/local/sbin")
                        .map(dir -> Path.of(dir, name))
                        .filter(Files::isExecutable)
                        .findFirst());
    }
}
