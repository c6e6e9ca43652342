package org.urad.envmon.ingest.registry;

import java.time.Duration;
import org.urad.envmon.ingest.reading.Family;

/** Any registered field device: a well meter, a CEMS, a water-quality monitor or a gate. */
public record Device(
        String id, Family family, String name, Duration reportingInterval, Double lon, Double lat, boolean active) {}
