package org.urad.envmon.ingest.registry;

/**
 * An agricultural well with a smart meter. Control wells also report the groundwater level that
 * is held against their control level.
 */
public record Well(
        String deviceId,
        String villageId,
        String zoneId,
        double annualAllocationM3,
        String meterType,
        boolean controlWell,
        Double controlLevelM) {}
