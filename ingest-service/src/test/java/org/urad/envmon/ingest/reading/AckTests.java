package org.urad.envmon.ingest.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Verifies the acknowledgement shared by several outcomes of one delivery. */
class AckTests {

    private final List<Boolean> fired = new ArrayList<>();

    @Test
    void countedAckFiresOnceAfterTheLastPart() {
        Ack shared = Ack.counted(fired::add, 3);

        shared.ack(false);
        shared.ack(true);
        assertThat(fired).isEmpty();

        shared.ack(false);
        assertThat(fired).containsExactly(true);
    }

    @Test
    void countedAckSaysNothingWasStoredWhenNoPartStoredAnything() {
        Ack shared = Ack.counted(fired::add, 2);

        shared.ack(false);
        shared.ack(false);

        assertThat(fired).containsExactly(false);
    }
}
