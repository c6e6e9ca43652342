package org.urad.envmon.ingest.inbound.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Verifies which operator commands are framed, with which fields, and which are refused and why. */
class OperatorCommandTests {

    private static final Predicate<String> SO2_ONLY = "a21026"::equals;

    @Test
    void buildsTheFieldOfEachCommand() {
        assertThat(OperatorCommand.of(Map.of("cn", "1062", "RtdInterval", 30), SO2_ONLY, false)
                        .summary())
                .isEqualTo("RtdInterval=30");
        assertThat(OperatorCommand.of(Map.of("cn", "1064", "MinInterval", "15"), SO2_ONLY, false)
                        .summary())
                .isEqualTo("MinInterval=15");
        assertThat(OperatorCommand.of(Map.of("cn", "3011", "PolId", "a21026"), SO2_ONLY, false)
                        .cn())
                .isEqualTo("3011");
        assertThat(OperatorCommand.of(Map.of("cn", "3015", "PolId", "a21026"), SO2_ONLY, true)
                        .summary())
                .isEqualTo("PolId=a21026");
    }

    @Test
    void refusesWhatALoggerCouldNotDo() {
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "1062", "RtdInterval", 29), SO2_ONLY, false))
                .hasMessageContaining("30 to 3600");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "1062", "RtdInterval", 3601), SO2_ONLY, false))
                .isInstanceOf(OperatorCommand.Invalid.class);
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "1062", "RtdInterval", "1;CN=1012"), SO2_ONLY, false))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "1064", "MinInterval", 7), SO2_ONLY, false))
                .hasMessageContaining("MinInterval");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "3011", "PolId", "a21002"), SO2_ONLY, false))
                .hasMessageContaining("not a parameter registered");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "3011"), SO2_ONLY, false))
                .hasMessageContaining("PolId is required");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "3015", "PolId", "a21026"), SO2_ONLY, false))
                .hasMessageContaining("no auto-sampler");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of("cn", "1012"), SO2_ONLY, false))
                .hasMessageContaining("not an operator command");
        assertThatThrownBy(() -> OperatorCommand.of(Map.of(), SO2_ONLY, false)).hasMessageContaining("cn is required");
    }
}
