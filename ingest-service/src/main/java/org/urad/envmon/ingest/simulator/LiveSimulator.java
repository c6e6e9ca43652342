package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.registry.Device;

/**
 * Live mode: every active device reports at its interval, the first round at once. With a speed
 * factor s, a device's k-th message carries the world as it is k intervals after the start but is
 * sent (and stamped) k intervals / s after it, so a demo runs s times faster without future times.
 */
public final class LiveSimulator {

    private final Simulation simulation;
    private final MessageSink publisher;
    private final double speed;
    private final AtomicLong messages = new AtomicLong();
    private volatile boolean stopped;
    private final java.util.function.Predicate<Device> publishes;

    public LiveSimulator(Simulation simulation, MqttPublisher publisher, double speed) {
        this(simulation, (MessageSink) publisher::publish, speed);
    }

    /** @param publisher where each message goes: the broker, or a terminal listener ({@link MessageRouter}) */
    public LiveSimulator(Simulation simulation, MessageSink publisher, double speed) {
        this(simulation, publisher, speed, d -> true);
    }

    /** @param publishes which devices are published (not, for instance, one played by a simulated logger) */
    public LiveSimulator(
            Simulation simulation,
            MessageSink publisher,
            double speed,
            java.util.function.Predicate<Device> publishes) {
        this.publishes = publishes;
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive: " + speed);
        }
        this.simulation = simulation;
        this.publisher = publisher;
        this.speed = speed;
    }

    private record Slot(long dueNanos, Device device, long round) {}

    /**
     * Publishes from {@code start} (the breaches' start, normally now) until {@code duration} of
     * real time has passed or {@link #stop()} is called; a {@code null} duration runs until stopped.
     */
    public void run(Instant start, Duration duration) throws Exception {
        long startNanos = System.nanoTime();
        long endNanos = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
        PriorityQueue<Slot> queue = new PriorityQueue<>(Comparator.comparingLong(Slot::dueNanos));
        simulation.registry().devices().stream()
                .filter(Device::active)
                .filter(publishes)
                .sorted(Comparator.comparing(Device::id))
                .forEach(d -> queue.add(new Slot(startNanos, d, 0)));
        while (!stopped && !queue.isEmpty()) {
            Slot slot = queue.poll();
            long wait = slot.dueNanos() - System.nanoTime();
            if (slot.dueNanos() >= endNanos) {
                return;
            }
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            Duration interval = slot.device().reportingInterval();
            Instant world = start.plus(interval.multipliedBy(slot.round()));
            Duration stamp = scaled(interval.multipliedBy(slot.round()));
            var message = simulation.message(slot.device(), world);
            if (message.isPresent()) {
                publisher.send(restamped(message.get(), start.plus(stamp)));
                messages.incrementAndGet();
            }
            long next = slot.round() + 1;
            queue.add(new Slot(startNanos + scaled(interval.multipliedBy(next)).toNanos(), slot.device(), next));
        }
    }

    public void stop() {
        stopped = true;
    }

    public long messages() {
        return messages.get();
    }

    private Duration scaled(Duration simulated) {
        return speed == 1 ? simulated : Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    /** The same message, its times moved so that it is stamped {@code stamp}. */
    public static SimulatedMessage restamped(SimulatedMessage m, Instant stamp) {
        if (stamp.equals(m.time())) {
            return m;
        }
        Duration shift = Duration.between(m.time(), stamp);
        return new SimulatedMessage(
                m.device(),
                stamp,
                m.flag(),
                m.values().stream()
                        .map(v -> new SimulatedMessage.Value(
                                v.parameter(), v.time().plus(shift), v.value()))
                        .toList(),
                m.calibrations().stream()
                        .map(c -> new Calibration(
                                c.family(),
                                c.deviceId(),
                                c.parameter(),
                                c.kind(),
                                c.time().plus(shift),
                                c.reference(),
                                c.measured(),
                                c.fullScale(),
                                c.reportedPass()))
                        .toList());
    }
}
