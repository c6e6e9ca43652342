package org.urad.envmon.ingest.marks;

import java.time.Duration;
import java.time.Instant;
import org.urad.envmon.ingest.reading.Family;

/**
 * A mark as a plant user or a reviewer submits it (a new mark, or a correction of one).
 *
 * @param parameter one analyser's parameter, or {@code null} for the whole monitor
 * @param note evidence: a note; {@code attachment} evidence: a reference to an attached document
 */
public record MarkDraft(
        String deviceId,
        String parameter,
        Instant start,
        Instant end,
        String kind,
        String reason,
        String note,
        String attachment) {

    static final int MAX_TEXT = 2000;
    static final Duration MAX_SPAN = Duration.ofDays(366);

    /** What is wrong with this draft for a monitor of {@code family}, or {@code null} if nothing. */
    String problem(Family family) {
        if (start == null || end == null) {
            return "\"start\" and \"end\" are required";
        }
        if (!end.isAfter(start)) {
            return "\"end\" must be after \"start\"";
        }
        if (Duration.between(start, end).compareTo(MAX_SPAN) > 0) {
            return "a mark covers at most " + MAX_SPAN.toDays() + " days";
        }
        MarkKind k = MarkKind.fromCode(kind).orElse(null);
        if (k == null) {
            return "unknown kind \"" + kind + "\"";
        }
        if (!k.appliesTo(family)) {
            return "kind " + k.code() + " does not apply to a " + family.code() + " monitor";
        }
        if (reason == null || reason.isBlank()) {
            return "\"reason\" is required";
        }
        for (String text : new String[] {parameter, reason, note, attachment}) {
            if (text != null && text.length() > MAX_TEXT) {
                return "text fields hold at most " + MAX_TEXT + " characters";
            }
        }
        return null;
    }
}
