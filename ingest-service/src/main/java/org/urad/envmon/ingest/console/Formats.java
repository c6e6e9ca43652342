package org.urad.envmon.ingest.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.urad.envmon.ingest.extract.ReportPeriod;
import org.urad.envmon.ingest.rules.Rule;

/** How pages write times (local, Asia/Shanghai), numbers and rule names. */
final class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final boolean english;

    Formats(boolean english) {
        this.english = english;
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t.atZone(ReportPeriod.ZONE));
    }

    /** At most six significant digits, no trailing zeros. */
    public String num(Double v) {
        if (v == null) {
            return "—";
        }
        return BigDecimal.valueOf(v)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }

    public String rule(String id) {
        return Rule.fromId(id).map(this::rule).orElse(id);
    }

    public String rule(Rule r) {
        return english ? r.nameEn() : r.nameZh();
    }
}
