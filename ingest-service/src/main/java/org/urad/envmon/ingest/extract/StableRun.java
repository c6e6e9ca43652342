package org.urad.envmon.ingest.extract;

import java.time.YearMonth;

/**
 * The current run of months whose year-on-year change of the zone monthly mean is within the band,
 * as the schema's {@code zone_gw_stable_run} computes it (a missing month breaks the run).
 *
 * @param months length of the run; 0 when its last month itself is not stable
 * @param since first month of the run, null when the run is empty
 */
record StableRun(int months, YearMonth since) {}
