package org.urad.envmon.ingest.registry;

/** A village (嘎查村) whose wells share an annual allocation. */
public record Village(String id, String name, String township, String zoneId, Double annualAllocationM3) {}
