package org.urad.envmon.ingest.registry;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The well columns of one wells.csv row: roles (the {@code role} column, or the older
 * {@code control_well}), allocation, control level and wellhead elevation, checked together.
 */
record SeedWell(
        Set<WellRole> roles,
        double annualAllocationM3,
        String meterType,
        Double controlLevelM,
        Double wellheadElevationM) {

    /** @return the row's well columns, or null when a problem was recorded on the row */
    static SeedWell read(SeedRow row) {
        int before = row.problems().size();
        Set<WellRole> roles = roles(row);
        Double controlLevel = row.optionalNumber("control_level_m");
        if (roles.contains(WellRole.CONTROL) && controlLevel == null && row.optional("control_level_m") == null) {
            row.problem("control well without control_level_m");
        }
        Double allocation = roles.contains(WellRole.ABSTRACTION)
                ? row.number("annual_allocation_m3")
                : row.optionalNumber("annual_allocation_m3");
        if (allocation != null && allocation < 0) {
            row.problem("annual_allocation_m3 must not be negative: " + allocation);
        }
        Double elevation = row.optionalNumber("wellhead_elevation_m");
        String meterType = roles.contains(WellRole.ABSTRACTION) ? row.text("meter_type") : row.optional("meter_type");
        if (row.problems().size() > before) {
            return null;
        }
        return new SeedWell(
                roles,
                allocation == null ? 0 : allocation,
                meterType == null ? "none" : meterType,
                controlLevel,
                elevation);
    }

    private static Set<WellRole> roles(SeedRow row) {
        String roleText = row.optional("role");
        boolean hasControlColumn = row.values().containsKey("control_well") && row.optional("control_well") != null;
        Boolean control = hasControlColumn ? row.bool("control_well") : null;
        if (roleText == null) {
            Set<WellRole> roles = EnumSet.of(WellRole.ABSTRACTION);
            if (Boolean.TRUE.equals(control)) {
                roles.add(WellRole.CONTROL);
            }
            return roles;
        }
        List<String> unknown = new ArrayList<>();
        Set<WellRole> roles = WellRole.parse(roleText, unknown);
        if (!unknown.isEmpty()) {
            row.problem("unknown role '%s' (expected %s, several separated by |)"
                    .formatted(String.join("|", unknown), String.join(", ", WellRole.codes())));
        }
        if (control != null && control != roles.contains(WellRole.CONTROL)) {
            row.problem("control_well %s contradicts role '%s'".formatted(control, roleText));
        }
        return roles;
    }

    Well toWell(String deviceId, String villageId, String zoneId) {
        return new Well(
                deviceId,
                villageId,
                zoneId,
                annualAllocationM3,
                meterType,
                roles.contains(WellRole.CONTROL),
                controlLevelM,
                roles.contains(WellRole.MONITORING),
                roles.contains(WellRole.ABSTRACTION),
                wellheadElevationM);
    }
}
