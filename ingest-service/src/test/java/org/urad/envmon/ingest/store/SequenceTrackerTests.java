package org.urad.envmon.ingest.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequenceTrackerTests {

    @Test
    void countsMissingMessagesButNotRepeatsOrReordering() {
        SequenceTracker tracker = new SequenceTracker();

        assertThat(tracker.observe("A", 1)).isZero();
        assertThat(tracker.observe("A", 2)).isZero();
        assertThat(tracker.observe("A", 5)).isEqualTo(2);
        assertThat(tracker.observe("A", 5)).isZero();
        assertThat(tracker.observe("A", 4)).isZero();
        assertThat(tracker.observe("B", 100)).isZero();
        assertThat(tracker.observe("A", 6)).isZero();
    }
}
