package org.urad.envmon.ingest.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole service (Spring Boot application, as {@code java -jar} would run it) in a JVM of its own, so
 * that a test can kill it with SIGKILL: no shutdown hook, no graceful stop, threads gone mid-work.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(120);

    private final Process process;
    private final Path log;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the service with {@code --key=value} arguments and waits until it has started. */
    static ServiceProcess start(Path dir, String name, List<String> args) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "org.urad.envmon.ingest.IngestApplication"));
        command.addAll(args);
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServiceProcess service = new ServiceProcess(p, log);
        service.awaitLog("Started IngestApplication");
        return service;
    }

    /** Waits until the service's output shows {@code text}; fails if it exits first. */
    void awaitLog(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited (" + process.exitValue() + "):\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the service did not log \"" + text + "\" in " + START + ":\n" + tail());
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the service survived SIGKILL");
        }
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    private String tail() throws IOException {
        String out = output();
        return out.substring(Math.max(0, out.length() - 4000));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
