package org.urad.envmon.ingest.marks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "to be marked" list: unmarked abnormal clock hours of a monitor (data missing, or flags showing
 * stop, maintenance, fault, calibration or communication fault), merged into periods.
 */
public final class MarkTasks {

    /** One abnormal, unmarked clock hour; {@code why} is {@code missing} or the flags seen. */
    record Hour(String deviceId, Instant hour, String why) {}

    /** A period to be marked, with the deadline of its mark and whether that has passed (the reminder). */
    public record Task(String deviceId, Instant start, Instant end, List<String> why, Instant due, boolean overdue) {}

    private static final Duration HOUR = Duration.ofHours(1);

    private MarkTasks() {}

    /** Merges {@code hours} (ordered by device, then hour) into periods of consecutive hours. */
    static List<Task> merge(List<Hour> hours, MarksProperties settings, Instant now) {
        List<Task> out = new ArrayList<>();
        String device = null;
        Instant start = null;
        Instant end = null;
        Set<String> why = new TreeSet<>();
        for (Hour h : hours) {
            boolean continues = h.deviceId().equals(device) && !h.hour().isAfter(end);
            if (!continues) {
                if (device != null) {
                    out.add(task(device, start, end, why, settings, now));
                }
                device = h.deviceId();
                start = h.hour();
                why = new TreeSet<>();
            }
            end = max(
                    end == null || !continues ? h.hour().plus(HOUR) : end,
                    h.hour().plus(HOUR));
            why.add(h.why());
        }
        if (device != null) {
            out.add(task(device, start, end, why, settings, now));
        }
        return out;
    }

    private static Task task(
            String device, Instant start, Instant end, Set<String> why, MarksProperties settings, Instant now) {
        Instant due = settings.due(start);
        return new Task(device, start, end, List.copyOf(why), due, now.isAfter(due));
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
