package org.urad.envmon.ingest.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.registry.Device;

/**
 * A device's state as the console shows it: {@code silent} when nothing arrived for three reporting
 * intervals (the silent rule's default) or ever, {@code inactive} when the registry no longer lists it,
 * {@code ok} otherwise. Pure.
 */
record DeviceStatus(Device device, String status, Instant lastSeen, String village, String township) {

    static final int SILENT_INTERVALS = 3;

    static DeviceStatus of(Device d, Instant lastSeen, Instant now, String village, String township) {
        String status;
        if (!d.active()) {
            status = "inactive";
        } else if (lastSeen == null
                || lastSeen.isBefore(now.minus(d.reportingInterval().multipliedBy(SILENT_INTERVALS)))) {
            status = "silent";
        } else {
            status = "ok";
        }
        return new DeviceStatus(d, status, lastSeen, village, township);
    }

    /** Silent first (never heard of first, then the longest silent), then the others by id. */
    static final Comparator<DeviceStatus> SILENT_FIRST = Comparator.comparingInt(DeviceStatus::rank)
            .thenComparing(s -> s.lastSeen() == null ? Instant.MIN : s.lastSeen())
            .thenComparing(s -> s.device().id());

    int rank() {
        return switch (status) {
            case "silent" -> 0;
            case "ok" -> 1;
            default -> 2;
        };
    }

    static List<DeviceStatus> sorted(
            List<Device> devices, Map<String, Instant> lastSeen, Instant now, Map<String, String[]> places) {
        return devices.stream()
                .map(d -> {
                    String[] place = places.getOrDefault(d.id(), new String[2]);
                    return of(d, lastSeen.get(d.id()), now, place[0], place[1]);
                })
                .sorted(SILENT_FIRST)
                .toList();
    }

    /** How long ago, in whole minutes, hours or days. */
    public String ago(Instant now) {
        if (lastSeen == null) {
            return null;
        }
        Duration d = Duration.between(lastSeen, now);
        if (d.toMinutes() < 120) {
            return Math.max(0, d.toMinutes()) + " min";
        }
        return d.toHours() < 48 ? d.toHours() + " h" : d.toDays() + " d";
    }
}
