package org.urad.envmon.ingest.registry;

import java.util.List;
import java.util.Map;

/** The columns of each seed file, shared by the parser and the sample writer. */
final class SeedColumns {

    static final List<String> ZONES = List.of("id", "name", "kind", "annual_cap_m3");
    static final List<String> VILLAGES = List.of("id", "name", "township", "zone_id", "annual_allocation_m3");
    /** The columns every wells.csv has. */
    static final List<String> WELLS = List.of(
            "id",
            "name",
            "village_id",
            "lon",
            "lat",
            "annual_allocation_m3",
            "meter_type",
            "control_level_m",
            "reporting_interval");
    /**
     * Columns a wells.csv may have: {@code role} (default {@code abstraction}), {@code wellhead_elevation_m},
     * the older {@code control_well} (true adds the control role), and the terminal's {@code protocol}
     * ({@code szy206} or {@code sl651}) and {@code terminal_address} (ten hex digits), given together.
     */
    static final List<String> WELLS_OPTIONAL =
            List.of("role", "wellhead_elevation_m", "control_well", "protocol", "terminal_address");
    /** The columns the sample writer writes, in this order. */
    static final List<String> WELLS_WRITTEN = List.of(
            "id",
            "name",
            "village_id",
            "role",
            "lon",
            "lat",
            "annual_allocation_m3",
            "meter_type",
            "control_level_m",
            "wellhead_elevation_m",
            "reporting_interval");

    static final List<String> MONITORS = List.of(
            "id",
            "kind",
            "name",
            "enterprise",
            "outlet",
            "mn",
            "password",
            "has_auto_sampler",
            "auto_calibration",
            "lon",
            "lat",
            "reporting_interval");
    static final List<String> MONITOR_PARAMETERS = List.of(
            "device_id", "parameter", "unit", "range_min", "range_max", "limit_value", "limit_low", "limit_cold");
    /** Columns a monitor_parameters.csv may have: the reference O2 of the limit. */
    static final List<String> MONITOR_PARAMETERS_OPTIONAL = List.of("limit_o2_ref_pct");

    static final List<String> GATES =
            List.of("id", "name", "canal", "section_class", "automated", "lon", "lat", "reporting_interval");
    /** Columns a gates.csv may have: the terminal's {@code protocol} and {@code terminal_address}, together. */
    static final List<String> TERMINAL_OPTIONAL = List.of("protocol", "terminal_address");

    static final Map<String, List<String>> BY_FILE = Map.of(
            "zones.csv", ZONES,
            "villages.csv", VILLAGES,
            "wells.csv", WELLS,
            "monitors.csv", MONITORS,
            "monitor_parameters.csv", MONITOR_PARAMETERS,
            "gates.csv", GATES);

    /** The optional columns of the file whose required columns are {@code required}. */
    static List<String> optionalFor(List<String> required) {
        if (required.equals(WELLS)) {
            return WELLS_OPTIONAL;
        }
        if (required.equals(MONITOR_PARAMETERS)) {
            return MONITOR_PARAMETERS_OPTIONAL;
        }
        return required.equals(GATES) ? TERMINAL_OPTIONAL : List.of();
    }

    static final List<String> MONITOR_KINDS = List.of("cems", "water_quality");
    static final List<String> SECTION_CLASSES = List.of("state_managed", "mass_managed");

    private SeedColumns() {}
}
