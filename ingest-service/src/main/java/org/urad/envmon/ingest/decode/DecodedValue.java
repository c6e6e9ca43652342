package org.urad.envmon.ingest.decode;

import java.time.Instant;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;

/**
 * One value as the payload stated it, before registry checks and unit conversion.
 *
 * @param parameter the parameter code as sent (2017 or 2005 HJ 212 code, or a hydrology name)
 * @param unit the unit as sent, or {@code null} for the parameter's canonical unit
 * @param flag the data flag as sent, or {@code null} for N
 */
public record DecodedValue(
        String parameter, Instant time, Period period, Statistic statistic, double value, String unit, String flag) {}
