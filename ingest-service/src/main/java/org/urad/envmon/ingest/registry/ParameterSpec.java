package org.urad.envmon.ingest.registry;

import org.urad.envmon.ingest.reading.Family;

/**
 * A parameter a device family may report: canonical unit and the physically possible range
 * (outside it a value is impossible, not merely high).
 *
 * @param code2005 the HJ 212-2005 code older loggers still send, if any
 */
public record ParameterSpec(
        Family family,
        String code,
        String nameZh,
        String nameEn,
        String unit,
        Double minPossible,
        Double maxPossible,
        String code2005) {}
