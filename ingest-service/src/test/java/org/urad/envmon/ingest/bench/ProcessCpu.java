package org.urad.envmon.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of the processes beside the service, from {@code /proc}: the broker the benchmark launched, and every
 * process whose command is {@code postgres} (so the PostgreSQL server must be dedicated to the run). PostgreSQL
 * counts with its children's time: a backend that exits inside a window hands its time to the postmaster's
 * cutime/cstime when it is reaped, so the sum over the window stays whole; one that starts inside it counts
 * from its start.
 */
final class ProcessCpu {

    /** CPU time consumed so far by the broker and by all PostgreSQL processes, in nanoseconds. */
    record Sample(long brokerNanos, long postgresNanos) {

        Sample minus(Sample before) {
            return new Sample(brokerNanos - before.brokerNanos, postgresNanos - before.postgresNanos);
        }
    }

    /** Linux's USER_HZ on every common architecture, used when {@code getconf CLK_TCK} cannot be run. */
    static final long ASSUMED_TICKS_PER_SECOND = 100;

    private static final Path PROC = Path.of("/proc");

    private final long brokerPid;
    private final long nanosPerTick;

    ProcessCpu(long brokerPid, long ticksPerSecond) {
        this.brokerPid = brokerPid;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    /**
     * utime + stime (fields 14 and 15) of one line of {@code /proc/<pid>/stat}, in clock ticks. The command
     * (field 2) is in parentheses and may itself hold spaces and parentheses, so fields count from the last ')'.
     */
    static long ticks(String statLine) {
        String[] fields = fields(statLine);
        return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
    }

    /** {@link #ticks} plus cutime + cstime (fields 16 and 17): the time of the children it has reaped. */
    static long ticksWithReapedChildren(String statLine) {
        String[] fields = fields(statLine);
        return ticks(statLine) + Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
    }

    private static String[] fields(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        // fields[0] is field 3 (the state)
        return statLine.substring(close + 1).strip().split("\\s+");
    }

    Sample sample() throws IOException {
        return new Sample(
                ticksOf(PROC.resolve(Long.toString(brokerPid))) * nanosPerTick, postgresTicks() * nanosPerTick);
    }

    private static long postgresTicks() throws IOException {
        long total = 0;
        try (DirectoryStream<Path> processes =
                Files.newDirectoryStream(PROC, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).strip().equals("postgres")) {
                        total += ticksWithReapedChildren(
                                Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII));
                    }
                } catch (IOException exited) {
                    // gone between the listing and the read: its time is no longer anywhere to be read
                }
            }
        }
        return total;
    }

    private static long ticksOf(Path process) throws IOException {
        return ticks(Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII));
    }

    /**
     * Clock ticks per second from {@code getconf CLK_TCK}; without it {@value #ASSUMED_TICKS_PER_SECOND}, checked
     * against this JVM's own CPU time as the JVM reports it.
     */
    static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // no getconf: fall through to the assumption and its check
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkAssumedTicks();
        return ASSUMED_TICKS_PER_SECOND;
    }

    private static void checkAssumedTicks() {
        if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
            return;
        }
        try {
            long ticks = ticksOf(PROC.resolve("self"));
            double seconds = os.getProcessCpuTime() / 1e9;
            double perSecond = ticks / seconds;
            if (seconds > 1 && Math.abs(perSecond / ASSUMED_TICKS_PER_SECOND - 1) > 0.2) {
                throw new IllegalStateException(
                        "getconf CLK_TCK failed and /proc counts %.0f ticks per CPU second, not %d"
                                .formatted(perSecond, ASSUMED_TICKS_PER_SECOND));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/self/stat", e);
        }
    }
}
