package org.urad.envmon.ingest.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * A registered well and the roles it plays (README "Registry"): an abstraction well has a smart meter
 * and an annual allocation; a monitoring well's level enters its zone's mean level; a control well's
 * level is held against its control level. A well may hold several roles. A well whose logger reports
 * only the depth to water ({@code gw_depth}) has its level as {@code wellheadElevationM − depth}.
 */
public record Well(
        String deviceId,
        String villageId,
        String zoneId,
        double annualAllocationM3,
        String meterType,
        boolean controlWell,
        Double controlLevelM,
        boolean monitoringWell,
        boolean abstractionWell,
        Double wellheadElevationM) {

    /** A metered abstraction well, and a control well where {@code controlWell}, as before roles existed. */
    public Well(
            String deviceId,
            String villageId,
            String zoneId,
            double annualAllocationM3,
            String meterType,
            boolean controlWell,
            Double controlLevelM) {
        this(deviceId, villageId, zoneId, annualAllocationM3, meterType, controlWell, controlLevelM, false, true, null);
    }

    /** The roles as written in {@code wells.csv}: {@code abstraction|monitoring|control}, in that order. */
    public String roles() {
        List<String> roles = new ArrayList<>(3);
        if (abstractionWell) {
            roles.add(WellRole.ABSTRACTION.code());
        }
        if (monitoringWell) {
            roles.add(WellRole.MONITORING.code());
        }
        if (controlWell) {
            roles.add(WellRole.CONTROL.code());
        }
        return String.join("|", roles);
    }

    /** The level a depth-to-water reading stands for, or null when the wellhead elevation is not registered. */
    public Double levelFromDepth(double depthM) {
        return wellheadElevationM == null ? null : wellheadElevationM - depthM;
    }
}
