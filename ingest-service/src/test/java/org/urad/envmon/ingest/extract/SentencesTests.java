package org.urad.envmon.ingest.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class SentencesTests {

    @Test
    void stableMonthsReadsLikeTheReport() {
        assertThat(Sentences.stableMonths("超采区", 19, YearMonth.of(2024, 4), YearMonth.of(2025, 10)))
                .isEqualTo("自2024年4月起，超采区地下水水位已连续19个月进入稳定区间。");
    }

    @Test
    void noStableRunSaysSo() {
        assertThat(Sentences.stableMonths("超采区", 0, null, YearMonth.of(2025, 10)))
                .startsWith("截至2025年10月，超采区地下水水位未处于稳定区间");
    }

    @Test
    void controlWellStatesTheDepthBelowInMetres() {
        assertThat(Sentences.controlWell("CW1", "2023年第二季度", 5.16)).isEqualTo("2023年第二季度，控制井CW1平均水位低于控制水位5.16米。");
        assertThat(Sentences.controlWell("CW1", "2023年第二季度", -0.4)).contains("高于控制水位0.40米");
    }

    @Test
    void calibrationStatesTheExcessInPercentagePoints() {
        assertThat(Sentences.calibration("2025年第三季度", "某公司焦炉烟气总排口二氧化硫", 2, 1, 50.0, 2.5))
                .isEqualTo("2025年第三季度，某公司焦炉烟气总排口二氧化硫校准2次，合格1次，合格率50.0%，最大偏差50.0%，" + "超出最大允许偏差47.5个百分点。");
        assertThat(Sentences.calibration("2025年", "X", 3, 3, 1.04, 2.5)).endsWith("在最大允许偏差2.5%以内。");
    }

    @Test
    void yearOnYearChangeNamesItsDirection() {
        assertThat(Sentences.quarterLevel("超采区", "2023年第二季度", 1020.456, -0.62))
                .isEqualTo("2023年第二季度，超采区地下水平均水位1020.46米，同比下降0.62米。");
        assertThat(Sentences.quarterLevel("超采区", "2024年第二季度", 1020.0, 0.001)).endsWith("同比持平。");
    }

    @Test
    void transmissionAndManualSentences() {
        assertThat(Sentences.transmission("2025年7月", "洁源污水处理有限公司", 97.95, 98, false))
                .isEqualTo("2025年7月，洁源污水处理有限公司有效传输率98.0%，未达到98%的目标。");
        assertThat(Sentences.manual("农田灌溉水有效利用系数", 0.5802, "", "水利局", LocalDate.of(2024, 12, 31)))
                .isEqualTo("截至2024年12月31日，农田灌溉水有效利用系数为0.5802（来源：水利局）。");
    }
}
