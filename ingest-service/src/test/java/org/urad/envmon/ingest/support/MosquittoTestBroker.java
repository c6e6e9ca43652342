package org.urad.envmon.ingest.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.urad.envmon.ingest.config.embedded.Ports;

/**
 * A dedicated mosquitto process running a copy of the project's configuration, with its own listener port and
 * persistence directory. Stopping it sends SIGTERM, on which mosquitto writes its persistence file.
 */
public final class MosquittoTestBroker implements TestBroker {

    private static final long START_TIMEOUT_MS = 20_000;
    private static final List<String> REPLACED = List.of(
            "listener",
            "protocol",
            "certfile",
            "keyfile",
            "cafile",
            "tls_version",
            "allow_anonymous",
            "password_file",
            "acl_file",
            "persistence_location",
            "log_dest",
            "pid_file",
            "user");

    private final Path binary;
    private final Path dir;
    private final int port;
    private final List<String> listenerOptions;
    private Process process;

    private MosquittoTestBroker(Path binary, Path dir, int port, List<String> listenerOptions) {
        this.binary = binary;
        this.dir = dir;
        this.port = port;
        this.listenerOptions = listenerOptions;
    }

    static MosquittoTestBroker launch(Path binary) {
        return launch(binary, TestBroker.projectMosquittoConfig());
    }

    /** A mosquitto running {@code config} (with this broker's listener, persistence directory and log). */
    public static MosquittoTestBroker launch(Path binary, Path config) {
        return launch(binary, config, List.of());
    }

    /**
     * A mosquitto running {@code config}, with {@code listenerOptions} (such as {@code certfile}) applied to this
     * broker's listener.
     */
    public static MosquittoTestBroker launch(Path binary, Path config, List<String> listenerOptions) {
        try {
            Path dir = Files.createTempDirectory("ingest-test-mosquitto");
            MosquittoTestBroker broker =
                    new MosquittoTestBroker(binary, dir, Ports.free(), List.copyOf(listenerOptions));
            Files.write(dir.resolve("mosquitto.conf"), broker.testConfig(config));
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto " + binary, e);
        }
    }

    /** The project configuration with this broker's listener, persistence directory and log. */
    List<String> testConfig(Path projectConfig) throws IOException {
        List<String> lines = new ArrayList<>();
        // the project's ACL file lives where the compose stack writes it; a test's own configuration keeps its ACL
        boolean ownConfig = !projectConfig.equals(TestBroker.projectMosquittoConfig());
        for (String line : Files.readAllLines(projectConfig)) {
            String key = line.strip().split("\\s+", 2)[0];
            if (!REPLACED.contains(key) || (ownConfig && key.equals("acl_file"))) {
                lines.add(line);
            }
        }
        // the project's broker authenticates everyone and speaks TLS on a second listener: tests connect
        // anonymously on one plain listener of their own (MosquittoConfigIntegrationTests covers the rest)
        lines.add("allow_anonymous true");
        lines.add("listener " + port + " 127.0.0.1");
        lines.addAll(listenerOptions);
        lines.add("persistence_location " + dir + "/");
        lines.add("log_dest file " + dir.resolve("mosquitto.log"));
        // Started as root, mosquitto would switch to the user "mosquitto", who cannot write the directory.
        lines.add("user " + System.getProperty("user.name"));
        return lines;
    }

    public int port() {
        return port;
    }

    /** The running mosquitto's process id (the benchmark reads its CPU time from /proc). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("mosquitto is not running");
        }
        return process.pid();
    }

    @Override
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized void start() {
        if (process != null) {
            return;
        }
        try {
            process = new ProcessBuilder(
                            binary.toString(),
                            "-c",
                            dir.resolve("mosquitto.conf").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.out").toFile())
                    .start();
            awaitListening();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    private void awaitListening() throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("mosquitto did not listen on " + port);
    }

    @Override
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
        try {
            TestPostgres.deleteTree(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
