package org.urad.envmon.ingest.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A device as {@code /api/devices} shows it, with the details of its family (exactly one of
 * {@code well}, {@code monitor}, {@code gate}). A monitor's password is never part of it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DeviceView(
        String id,
        String family,
        String name,
        String reportingInterval,
        Double lon,
        Double lat,
        boolean active,
        WellView well,
        MonitorView monitor,
        GateView gate) {

    record WellView(
            String villageId,
            String villageName,
            String township,
            String zoneId,
            double annualAllocationM3,
            String meterType,
            boolean controlWell,
            Double controlLevelM,
            String roles,
            Double wellheadElevationM) {}

    record MonitorView(
            String enterprise,
            String outlet,
            String mn,
            boolean hasAutoSampler,
            boolean autoCalibration,
            List<ParameterView> parameters) {}

    record ParameterView(
            String parameter,
            String unit,
            double rangeMin,
            double rangeMax,
            Double limitValue,
            Double limitLow,
            Double limitCold) {}

    record GateView(String canal, String sectionClass, boolean automated) {}
}
