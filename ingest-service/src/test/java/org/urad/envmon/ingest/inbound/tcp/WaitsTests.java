package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaitsTests {

    @Test
    void wholeMinutesAsMinutes() {
        assertThat(Waits.zh(Duration.ofMinutes(20))).isEqualTo("20 分钟");
        assertThat(Waits.en(Duration.ofMinutes(2))).isEqualTo("2 min");
    }

    @Test
    void otherwiseSeconds() {
        assertThat(Waits.zh(Duration.ofSeconds(90))).isEqualTo("90 秒");
        assertThat(Waits.en(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(Waits.en(Duration.ZERO)).isEqualTo("0 s");
    }
}
