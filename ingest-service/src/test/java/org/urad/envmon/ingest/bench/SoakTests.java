package org.urad.envmon.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SoakTests {

    @Test
    void aMessageStampedKIntervalsOverSpeedAfterTheStartCarriesTheTimeKIntervalsAfterIt() {
        Instant start = Instant.parse("2026-12-02T10:00:00Z");
        for (double speed : new double[] {1, 7, 60, 600}) {
            for (Duration interval :
                    new Duration[] {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofHours(1)}) {
                for (long k : new long[] {0, 1, 13, 1_441}) {
                    Duration world = interval.multipliedBy(k);
                    // as LiveSimulator stamps it
                    Instant stamp = start.plus(Duration.ofNanos((long) (world.toNanos() / speed)));

                    assertThat(Soak.simulated(start, stamp, speed))
                            .as("speed %s, interval %s, round %d", speed, interval, k)
                            .isEqualTo(start.plus(world));
                }
            }
        }
    }

    @Test
    void productionSchedulesRunAsOftenPerSimulatedDay() {
        Soak.Options o = Soak.Options.parse(new String[] {"--soak --soak-minutes=3 --soak-speed=60"});

        assertThat(o.wall()).isEqualTo(Duration.ofMinutes(3));
        assertThat(o.scaled(Duration.ofMinutes(5))).isEqualTo("5000ms");
        assertThat(o.maxGrowthPerDay()).isEqualTo(0.10);
    }
}
