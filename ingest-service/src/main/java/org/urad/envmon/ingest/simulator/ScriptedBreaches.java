package org.urad.envmon.ingest.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;
import org.urad.envmon.ingest.registry.Registry;
import org.urad.envmon.ingest.registry.Well;

/**
 * The breaches the simulator stages on purpose, so that every rule has something to find shortly
 * after a demo starts. Each applies from {@code start} (the first live round) to one device chosen
 * from the registry; a {@code null} device means that breach is off.
 *
 * <ul>
 *   <li>{@link Kind#BELOW_CONTROL_LEVEL}: a control well reports a level 5.2 m below its control level.
 *   <li>{@link Kind#OVER_QUOTA}: a well's meter jumps by 110 % of its annual allocation; its first
 *       message after {@code start} also repeats the reading before the jump, so the excess shows at once.
 *   <li>{@link Kind#CALIBRATION_DRIFT}: a CEMS span calibration reads 50 against a reference of 100.
 *   <li>{@link Kind#OVER_LIMIT}: a water-quality monitor reports COD at 80 mg/L.
 *   <li>{@link Kind#SILENT_MONITOR}: a monitor reports once at {@code start}, then falls silent.
 *   <li>{@link Kind#METER_RESET}: a well meter restarts from zero two intervals after {@code start}.
 * </ul>
 */
public record ScriptedBreaches(
        Instant start,
        String belowControlWell,
        String overQuotaWell,
        String calibrationDriftMonitor,
        String overLimitMonitor,
        String silentMonitor,
        String meterResetWell) {

    public static final double DEPTH_BELOW_CONTROL_M = 5.2;
    public static final double QUOTA_EXCESS_SHARE = 1.1;
    public static final String DRIFT_PARAMETER = "a21026";
    public static final double DRIFT_REFERENCE = 100;
    public static final double DRIFT_MEASURED = 50;
    public static final String OVER_LIMIT_PARAMETER = "w01018";
    public static final double OVER_LIMIT_VALUE = 80;
    public static final int METER_RESET_AFTER_INTERVALS = 2;

    public enum Kind {
        BELOW_CONTROL_LEVEL,
        OVER_QUOTA,
        CALIBRATION_DRIFT,
        OVER_LIMIT,
        SILENT_MONITOR,
        METER_RESET;

        /** Parses {@code all}, {@code none} or a comma-separated list such as {@code over-quota,silent-monitor}. */
        public static Set<Kind> parse(String text) {
            String t = text == null ? "all" : text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("all")) {
                return EnumSet.allOf(Kind.class);
            }
            if (t.isEmpty() || t.equals("none")) {
                return EnumSet.noneOf(Kind.class);
            }
            return Arrays.stream(t.split(","))
                    .map(s -> Kind.valueOf(s.trim().replace('-', '_').toUpperCase(Locale.ROOT)))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class)));
        }
    }

    public static ScriptedBreaches none() {
        return new ScriptedBreaches(null, null, null, null, null, null, null);
    }

    /** Picks a device for each wanted breach, in id order so that the choice is repeatable. */
    public static ScriptedBreaches choose(Registry registry, Set<Kind> kinds, Instant start) {
        List<Device> devices = registry.devices().stream()
                .filter(Device::active)
                .sorted(Comparator.comparing(Device::id))
                .toList();
        List<Well> wells = devices.stream()
                .map(d -> registry.well(d.id()).orElse(null))
                .filter(Objects::nonNull)
                .toList();
        List<String> plainWells =
                wells.stream().filter(w -> !w.controlWell()).map(Well::deviceId).toList();
        List<String> cems = ids(devices, Family.CEMS);
        List<String> water = ids(devices, Family.WATER_QUALITY);
        List<String> monitors = new ArrayList<>(water);
        monitors.addAll(cems);
        String overLimit = kinds.contains(Kind.OVER_LIMIT) ? first(water, 0) : null;
        String drift = kinds.contains(Kind.CALIBRATION_DRIFT) ? first(cems, 0) : null;
        return new ScriptedBreaches(
                start,
                kinds.contains(Kind.BELOW_CONTROL_LEVEL)
                        ? wells.stream()
                                .filter(w -> w.controlWell() && w.controlLevelM() != null)
                                .map(Well::deviceId)
                                .findFirst()
                                .orElse(null)
                        : null,
                kinds.contains(Kind.OVER_QUOTA) ? first(plainWells, 0) : null,
                drift,
                overLimit,
                kinds.contains(Kind.SILENT_MONITOR)
                        ? monitors.stream()
                                .filter(id -> !id.equals(overLimit) && !id.equals(drift))
                                .reduce((a, b) -> b)
                                .orElse(null)
                        : null,
                kinds.contains(Kind.METER_RESET) ? first(plainWells, 1) : null);
    }

    private static List<String> ids(List<Device> devices, Family family) {
        return devices.stream()
                .filter(d -> d.family() == family)
                .map(Device::id)
                .toList();
    }

    private static String first(List<String> ids, int index) {
        return ids.size() > index ? ids.get(index) : null;
    }

    boolean active(Instant t) {
        return start != null && !t.isBefore(start);
    }

    boolean involves(String deviceId) {
        return deviceId.equals(belowControlWell)
                || deviceId.equals(overQuotaWell)
                || deviceId.equals(calibrationDriftMonitor)
                || deviceId.equals(overLimitMonitor)
                || deviceId.equals(silentMonitor)
                || deviceId.equals(meterResetWell);
    }

    /** Whether the message at {@code t} is the device's first since the breaches began. */
    boolean firstRound(Instant t, Duration interval) {
        return start != null && !t.isBefore(start) && t.isBefore(start.plus(interval));
    }

    boolean silenced(String deviceId, Instant t) {
        return deviceId.equals(silentMonitor) && active(t) && t.isAfter(start);
    }

    /** When the meter of {@code deviceId} restarts from zero, or {@code null}. */
    Instant meterResetAt(String deviceId, Duration interval) {
        return deviceId.equals(meterResetWell) && start != null
                ? start.plus(interval.multipliedBy(METER_RESET_AFTER_INTERVALS))
                : null;
    }
}
