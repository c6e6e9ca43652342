package org.urad.envmon.ingest.inbound.tcp;

import java.time.Duration;
import java.util.Optional;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.registry.Device;

/**
 * The history a logger keeps and can be asked for (HJ 212-2017 CN 2051, 2061, 2031), with the stored
 * period it fills and how often a record is expected: minute data at the monitor's registered reporting
 * interval, hourly data every hour, daily data every day.
 */
enum HistoryKind {
    MINUTE("2051", Period.MINUTE),
    HOUR("2061", Period.HOUR),
    DAY("2031", Period.DAY);

    private final String cn;
    private final Period period;

    HistoryKind(String cn, Period period) {
        this.cn = cn;
        this.period = period;
    }

    String cn() {
        return cn;
    }

    Period period() {
        return period;
    }

    Duration interval(Device device) {
        return switch (this) {
            case MINUTE -> device.reportingInterval();
            case HOUR -> Duration.ofHours(1);
            case DAY -> Duration.ofDays(1);
        };
    }

    static Optional<HistoryKind> byCn(String cn) {
        for (HistoryKind kind : values()) {
            if (kind.cn.equals(cn)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
