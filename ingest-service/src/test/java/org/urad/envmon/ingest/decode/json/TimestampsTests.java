package org.urad.envmon.ingest.decode.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-07-01T08:00:00+08:00",
                "2025-07-01T00:00:00Z",
                "2025-12-31T23:30:00.123+08:00",
                "2024-02-29T12:00:00.000000001-05:30",
                "2025-07-01T08:00:00.5Z",
                "2025-07-01T08:00+08:00",
                "2025-07-01T08:00:00.Z",
                "+12025-07-01T08:00:00Z"
            })
    void readsWhatTheIsoFormatterReads(String text) {
        assertThat(Timestamps.parse(text))
                .contains(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-07-01T08:00:00",
                "2025-07-01 08:00:00+08:00",
                "2025-02-30T08:00:00Z",
                "2025-07-01T24:00:00Z",
                "2025-07-01T08:00:00+0800",
                "2025-07-01T08:00:00+19:00",
                "2025-07-0xT08:00:00Z",
                "2025-07-01T08:00:00Zjunk",
                // digits of other scripts (Arabic-Indic, fullwidth, Devanagari) in the fraction and the fields
                "2025-07-01T08:00:00.\u0661\u0662Z",
                "2025-07-01T08:00:00.\uff11Z",
                "2025-07-01T08:00:00.5\u0967+08:00",
                "\u0662025-07-01T08:00:00Z",
                ""
            })
    void refusesWhatTheIsoFormatterRefuses(String text) {
        assertThat(Timestamps.parse(text)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void agreesWithTheIsoFormatterOnRandomTimes() {
        Random random = new Random(20251128);
        for (int i = 0; i < 10_000; i++) {
            OffsetDateTime t = OffsetDateTime.of(
                    1990 + random.nextInt(60),
                    1 + random.nextInt(12),
                    1 + random.nextInt(28),
                    random.nextInt(24),
                    random.nextInt(60),
                    random.nextInt(60),
                    random.nextInt(4) == 0 ? random.nextInt(1_000_000_000) : random.nextInt(1000) * 1_000_000,
                    java.time.ZoneOffset.ofTotalSeconds((random.nextInt(53) - 24) * 1800));
            String text = t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(Timestamps.parse(text)).as(text).contains(t.toInstant());
        }
    }
}
