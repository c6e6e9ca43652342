package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.urad.envmon.ingest.reading.DataFlag;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;

/**
 * Load mode for benchmarks: {@code devices} synthetic well meters ({@code load-00001}, …) send
 * messages of {@code readingsPerMessage} flow readings (a millisecond apart) round-robin at a target
 * rate, for a duration (when the publisher falls behind, it stops at the end of the duration
 * and reports the rate it achieved). Register the synthetic devices first if the service should store them.
 */
public final class LoadGenerator {

    public record Plan(int devices, double rate, int readingsPerMessage, Duration duration) {}

    public record Report(Plan plan, long published, long acknowledged, long failed, Duration elapsed) {

        public double achievedRate() {
            return published / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return ("load: %d devices, target %.0f msg/s, %d readings/message, %s -> published %d messages"
                            + " (%d readings), acknowledged %d, failed %d, in %.1f s: %.0f msg/s achieved")
                    .formatted(
                            plan.devices(),
                            plan.rate(),
                            plan.readingsPerMessage(),
                            plan.duration(),
                            published,
                            published * plan.readingsPerMessage(),
                            acknowledged,
                            failed,
                            elapsed.toNanos() / 1e9,
                            achievedRate());
        }
    }

    private LoadGenerator() {}

    public static List<Device> devices(int count, Duration interval) {
        List<Device> devices = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            devices.add(new Device("load-%05d".formatted(i), Family.WELL, "load " + i, interval, null, null, true));
        }
        return devices;
    }

    public static Report run(MqttPublisher publisher, Plan plan) throws Exception {
        Duration interval = Duration.ofMillis(Math.max(1, (long) (1000 * plan.devices() / plan.rate())));
        List<Device> devices = devices(plan.devices(), interval);
        long before = publisher.published();
        long start = System.nanoTime();
        long end = start + plan.duration().toNanos();
        double nanosPerMessage = 1e9 / plan.rate();
        for (long n = 0; ; n++) {
            long due = start + (long) (n * nanosPerMessage);
            if (due >= end || System.nanoTime() >= end) {
                break;
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            publisher.publish(message(devices.get((int) (n % devices.size())), n / devices.size(), plan));
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        publisher.awaitCompletion(Duration.ofSeconds(30));
        return new Report(plan, publisher.published() - before, publisher.completed(), publisher.failed(), elapsed);
    }

    private static SimulatedMessage message(Device device, long round, Plan plan) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SimulatedMessage.Value> values = new ArrayList<>(plan.readingsPerMessage());
        for (int i = plan.readingsPerMessage() - 1; i >= 0; i--) {
            values.add(new SimulatedMessage.Value("flow", now.minusMillis(i), 20 + (round + i) % 10));
        }
        return new SimulatedMessage(device, now, DataFlag.N, values, List.of());
    }
}
