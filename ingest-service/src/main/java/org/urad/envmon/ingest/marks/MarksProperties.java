package org.urad.envmon.ingest.marks;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ingest.marks.*}: the time limits for data marks.
 *
 * @param deadline how long after the start of an abnormal period its mark is due; a mark made later is
 *     recorded as late, an unmarked period past it is overdue (docs/marks.md: why 12 h, and how sure)
 * @param maxTaskRange the longest range {@code GET /api/marks/tasks} looks at
 */
@ConfigurationProperties("ingest.marks")
public record MarksProperties(
        @DefaultValue("12h") Duration deadline,
        @DefaultValue("31d") Duration maxTaskRange) {

    /** When a mark of a period starting at {@code start} is due. */
    Instant due(Instant start) {
        return start.plus(deadline);
    }
}
