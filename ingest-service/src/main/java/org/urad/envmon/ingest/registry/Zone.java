package org.urad.envmon.ingest.registry;

/** A groundwater management zone, e.g. the over-exploitation zone, with its annual cap. */
public record Zone(String id, String name, String kind, Double annualCapM3) {}
