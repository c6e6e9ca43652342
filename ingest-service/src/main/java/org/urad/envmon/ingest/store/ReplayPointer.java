package org.urad.envmon.ingest.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.urad.envmon.ingest.reading.Reading;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a replayed quarantine row became, kept with the row ({@code replay_result}): the readings it gave, by
 * their natural key's parts (device, parameters, first and last time; period and statistic are the
 * parameters'), how many were new, already stored or revisions, and the quarantine rows holding what failed
 * again, with the first reason.
 */
public record ReplayPointer(
        String deviceId,
        int readings,
        long stored,
        long duplicates,
        long revised,
        List<String> parameters,
        Instant first,
        Instant last,
        List<Long> quarantineIds,
        String reason) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ReplayPointer of(List<Reading> readings, ReadingCopyWriter.Counts counts, List<Long> again, String reason) {
        String device = readings.isEmpty() ? null : readings.get(0).deviceId();
        List<String> parameters = List.copyOf(
                new TreeSet<>(readings.stream().map(Reading::parameter).toList()));
        Instant first = readings.stream()
                .map(Reading::time)
                .min(Comparator.naturalOrder())
                .orElse(null);
        Instant last = readings.stream()
                .map(Reading::time)
                .max(Comparator.naturalOrder())
                .orElse(null);
        return new ReplayPointer(
                device,
                readings.size(),
                counts.stored(),
                counts.duplicates(),
                counts.revised(),
                parameters,
                first,
                last,
                List.copyOf(again),
                reason);
    }

    String json() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("deviceId", deviceId);
        m.put("readings", readings);
        m.put("stored", stored);
        m.put("duplicates", duplicates);
        m.put("revised", revised);
        m.put("parameters", parameters);
        m.put("first", first == null ? null : first.toString());
        m.put("last", last == null ? null : last.toString());
        m.put("quarantineIds", quarantineIds);
        m.put("reason", reason);
        return JSON.writeValueAsString(m);
    }
}
