package org.urad.envmon.ingest.normalise;

import org.urad.envmon.ingest.reading.Family;

/** A parsed topic {@code <prefix>/{family}/{deviceId}/{format}}. */
public record Topic(Family family, String deviceId, String format) {}
