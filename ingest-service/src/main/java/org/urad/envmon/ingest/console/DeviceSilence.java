package org.urad.envmon.ingest.console;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the console's device list reads: each device's last receipt within {@code lookBack} and the devices
 * silent at {@code at}, both from {@code device_silence} (V40), the definition DEVICE_SILENT and the overview
 * dashboard read too.
 */
public record DeviceSilence(Map<String, Instant> lastReceived, Set<String> silent) {

    public static DeviceSilence at(JdbcClient jdbc, Instant at, Duration lookBack) {
        Map<String, Instant> last = new HashMap<>();
        Set<String> silent = new HashSet<>();
        jdbc.sql("SELECT device_id, last_received, silent FROM device_silence(:at, make_interval(secs => :secs))")
                .param("at", Timestamp.from(at))
                .param("secs", (double) lookBack.toSeconds())
                .query(rs -> {
                    if (rs.getTimestamp(2) != null) {
                        last.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    }
                    if (rs.getBoolean(3)) {
                        silent.add(rs.getString(1));
                    }
                });
        return new DeviceSilence(Map.copyOf(last), Set.copyOf(silent));
    }
}
