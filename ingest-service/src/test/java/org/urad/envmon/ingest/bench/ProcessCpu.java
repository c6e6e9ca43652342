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

    /**
     * CPU time consumed so far, in nanoseconds: by the broker, by all PostgreSQL processes, by this JVM (the
     * publishers, and the service when it runs in this JVM), and by the whole machine (every CPU's busy time, all
     * processes, from {@code /proc/stat}); {@code machineNanos} is the machine's total CPU time, busy or idle.
     */
    record Sample(long brokerNanos, long postgresNanos, long jvmNanos, long machineBusyNanos, long machineNanos) {

        Sample minus(Sample before) {
            return new Sample(
                    brokerNanos - before.brokerNanos,
                    postgresNanos - before.postgresNanos,
                    jvmNanos - before.jvmNanos,
                    machineBusyNanos - before.machineBusyNanos,
                    machineNanos - before.machineNanos);
        }

        /** The share of the machine's CPU time that was busy, 0 to 1. */
        double machineBusyShare() {
            return machineNanos == 0 ? 0 : (double) machineBusyNanos / machineNanos;
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
        long[] machine = machineTicks(Files.readString(PROC.resolve("stat"), StandardCharsets.US_ASCII));
        return new Sample(
                ticksOf(PROC.resolve(Long.toString(brokerPid))) * nanosPerTick,
                postgresTicks() * nanosPerTick,
                ticksOf(PROC.resolve("self")) * nanosPerTick,
                machine[0] * nanosPerTick,
                machine[1] * nanosPerTick);
    }

    /**
     * Busy and total ticks of all CPUs from the first line of {@code /proc/stat} ({@code cpu user nice system idle
     * iowait irq softirq steal …}): idle and iowait are not busy; guest time is already inside user and nice.
     */
    static long[] machineTicks(String procStat) {
        String line = procStat.lines()
                .filter(l -> l.startsWith("cpu "))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
        String[] f = line.substring(4).strip().split("\\s+");
        long busy = 0;
        long idle = 0;
        for (int i = 0; i < Math.min(f.length, 8); i++) {
            long v = Long.parseLong(f[i]);
            if (i == 3 || i == 4) {
                idle += v;
            } else {
                busy += v;
            }
        }
        return new long[] {busy, busy + idle};
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
