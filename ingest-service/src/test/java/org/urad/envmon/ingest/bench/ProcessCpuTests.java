package org.urad.envmon.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTests {

    /** A PostgreSQL checkpointer's line, read from /proc on the benchmark machine: utime 1, stime 5. */
    private static final String CHECKPOINTER =
            "2209 (postgres) S 2208 2209 2209 0 -1 4194368 422 0 0 0 1 5 0 0 20 0 1 0"
                    + " 3806 223010816 3298 18446744073709551615 93955272458240 93955277914585 140728182315632 0 0 0 4194304"
                    + " 24145920 536873479 1 0 0 17 0 0 0 0 0 0 93955280394320 93955280612042 93956279357440 140728182320798"
                    + " 140728182320920 140728182320920 140728182321108 0\n";

    /** mosquitto's line from the same machine: utime 15, stime 6 (and cutime, cstime 0). */
    private static final String MOSQUITTO = "2962 (mosquitto) S 1 2962 2962 0 -1 4194368 167 0 0 0 15 6 0 0 20 0 1 0"
            + " 5181 15826944 1373 18446744073709551615 93929967538176 93929967953837 140732201660608 0 0 0 18947 4096"
            + " 18947 1 0 0 17 0 0 0 0 0 0 93929968114704 93929968123240 93930966753280 140732201663257"
            + " 140732201663303 140732201663303 140732201664484 0";

    /**
     * The postmaster's line from the same machine: utime 22, stime 230, and the reaped backends' time, cutime
     * 267700, cstime 39766.
     */
    private static final String POSTMASTER = "2208 (postgres) S 1 2208 2208 0 -1 4194304 46261 9705474 0 457 22 230"
            + " 267700 39766 20 0 1 0 3803 222445568 7405 18446744073709551615 93955272458240 93955277914585"
            + " 140728182315632 0 0 0 0 24129536 84487 1 0 0 17 0 0 0 0 0 0 93955280394320 93955280612042"
            + " 93956279357440 140728182320798 140728182320920 140728182320920 140728182321108 0";

    @Test
    void reapedChildrenCountWithTheParent() {
        assertThat(ProcessCpu.ticks(POSTMASTER)).isEqualTo(252);
        assertThat(ProcessCpu.ticksWithReapedChildren(POSTMASTER)).isEqualTo(252 + 267700 + 39766);
        assertThat(ProcessCpu.ticksWithReapedChildren(MOSQUITTO)).isEqualTo(21);
    }

    /** The first lines of /proc/stat of a two-CPU machine; guest and guest_nice (last two) are inside user and nice. */
    private static final String PROC_STAT = "cpu  4705 150 1120 16547 1000 0 40 7 300 20\n"
            + "cpu0 2352 75 560 8273 500 0 20 3 150 10\n"
            + "cpu1 2353 75 560 8274 500 0 20 4 150 10\n"
            + "intr 114930548 113199788 3 0 5 263 0 4 [...]\n";

    @Test
    void machineBusyLeavesOutIdleAndIowaitAndCountsGuestOnce() {
        long[] t = ProcessCpu.machineTicks(PROC_STAT);
        assertThat(t[0]).isEqualTo(4705 + 150 + 1120 + 0 + 40 + 7);
        assertThat(t[1]).isEqualTo(t[0] + 16547 + 1000);
    }

    @Test
    void userPlusSystemTicks() {
        assertThat(ProcessCpu.ticks(CHECKPOINTER)).isEqualTo(6);
        assertThat(ProcessCpu.ticks(MOSQUITTO)).isEqualTo(21);
    }

    @Test
    void commandWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String odd = MOSQUITTO.replace("(mosquitto)", "(a b) (c)");
        assertThat(ProcessCpu.ticks(odd)).isEqualTo(21);
    }

    @Test
    void notAStatLine() {
        assertThatThrownBy(() -> ProcessCpu.ticks("postgres")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thisJvmsOwnLineParsesAndItsTimeOnlyGrows() throws Exception {
        long before = ProcessCpu.ticks(Files.readString(Path.of("/proc/self/stat")));
        // spin until this thread has used 100 ms of CPU: at least 10 ticks at 100 per second
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + 100_000_000L;
        double x = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            x += Math.sqrt(x + 1);
        }
        long after = ProcessCpu.ticks(Files.readString(Path.of("/proc/self/stat")));
        assertThat(x).isPositive();
        assertThat(after - before)
                .isGreaterThanOrEqualTo(100_000_000L * ProcessCpu.ticksPerSecond() / 1_000_000_000L / 2);
    }
}
