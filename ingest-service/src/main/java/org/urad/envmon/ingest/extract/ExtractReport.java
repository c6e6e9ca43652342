package org.urad.envmon.ingest.extract;

import java.time.Instant;
import java.util.List;

/** All indicators for one period and the data marks of its monitors, as the writers turn them into files. */
public record ExtractReport(
        String period, String periodZh, Instant generatedAt, List<Indicator> indicators, List<MarkLine> marks) {

    public List<Indicator> in(Area area) {
        return indicators.stream().filter(i -> i.area() == area).toList();
    }
}
