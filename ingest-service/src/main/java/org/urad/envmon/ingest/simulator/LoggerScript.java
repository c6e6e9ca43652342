package org.urad.envmon.ingest.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The scripted day of one simulated HJ 212 logger (the simulator's logger mode): it replays its monitor's
 * last hours, one record every {@code step} of real time, losing its link for {@code outage} from {@code
 * outageAfter} into the replay (the records of the outage are kept, not uploaded), then reports live at
 * the monitor's registered interval. With gap recovery on, the service asks for the outage's records once
 * the link is back, so the gap heals while one watches.
 *
 * @param replay how far back the replay starts
 * @param outageAfter when, after the start of the replay, the link goes down
 * @param outage how long the link stays down (simulated time)
 * @param step real time between two replayed records
 */
public record LoggerScript(Duration replay, Duration outageAfter, Duration outage, Duration step) {

    /** Twelve hours replayed, the link down for two of them, one record a second. */
    public static LoggerScript demo() {
        return new LoggerScript(Duration.ofHours(12), Duration.ofHours(4), Duration.ofHours(2), Duration.ofSeconds(1));
    }

    /** Runs until {@code stopped}; returns the records made. */
    public long run(SimulatedLogger logger, Duration interval, String host, int port, BooleanSupplier stopped)
            throws IOException, InterruptedException {
        Instant first = Simulation.aligned(Instant.now().minus(replay), interval);
        Instant down = first.plus(outageAfter);
        Instant up = down.plus(outage);
        long records = 0;
        for (Instant t = first; !stopped.getAsBoolean(); t = t.plus(interval)) {
            boolean linkDown = !t.isBefore(down) && t.isBefore(up);
            if (linkDown && logger.connected()) {
                logger.disconnect();
            } else if (!linkDown && !logger.connected()) {
                logger.connect(host, port);
            }
            long wait = Duration.between(Instant.now(), t).toMillis();
            Thread.sleep(wait > 0 ? wait : step.toMillis());
            if (logger.record(t)) {
                records++;
            }
        }
        return records;
    }
}
