package org.urad.envmon.ingest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTests {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Benchmark.median(List.of(0.97, 0.81, 1.02))).isEqualTo(0.97);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Benchmark.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }
}
