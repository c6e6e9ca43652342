package org.urad.envmon.ingest.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urad.envmon.ingest.registry.Device;

/**
 * A device's state as the console shows it: {@code silent} when {@code device_silence} (V40, the one
 * definition DEVICE_SILENT and the overview dashboard read too) says so, or when nothing ever arrived,
 * {@code inactive} when the registry no longer lists it, {@code ok} otherwise. Pure.
 */
record DeviceStatus(Device device, String status, Instant lastSeen, String village, String township) {

    static DeviceStatus of(Device d, Instant lastSeen, boolean silent, String village, String township) {
        String status;
        if (!d.active()) {
            status = "inactive";
        } else if (lastSeen == null || silent) {
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

    /** {@code silent}: the devices {@code device_silence} judges silent. */
    static List<DeviceStatus> sorted(
            List<Device> devices, Map<String, Instant> lastSeen, Set<String> silent, Map<String, String[]> places) {
        return devices.stream()
                .map(d -> {
                    String[] place = places.getOrDefault(d.id(), new String[2]);
                    return of(d, lastSeen.get(d.id()), silent.contains(d.id()), place[0], place[1]);
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
