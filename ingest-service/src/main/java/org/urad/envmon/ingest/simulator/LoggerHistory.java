package org.urad.envmon.ingest.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.urad.envmon.ingest.reading.DataFlag;

/**
 * What a simulated HJ 212 data logger keeps: every minute-data record it made, uploaded or not, so that it
 * can answer a history request; hourly and daily data are the means of the minute records of the hour or
 * local day. Thread-safe: the logger records, its reader answers.
 */
final class LoggerHistory {

    /** The mean of one period's minute records: one value per parameter, flagged N if all its records were. */
    record Aggregate(Instant time, Map<String, Double> values, boolean normal) {}

    private final NavigableMap<Instant, SimulatedMessage> minutes = new ConcurrentSkipListMap<>();

    void add(SimulatedMessage record) {
        minutes.put(record.time(), record);
    }

    int size() {
        return minutes.size();
    }

    /** The minute records from {@code begin} to {@code end}, both inclusive. */
    List<SimulatedMessage> minutes(Instant begin, Instant end) {
        if (end.isBefore(begin)) {
            return List.of();
        }
        return new ArrayList<>(minutes.subMap(begin, true, end, true).values());
    }

    /** The hourly (or daily) means of the periods starting from {@code begin} to {@code end}, inclusive. */
    List<Aggregate> aggregates(Instant begin, Instant end, boolean daily) {
        NavigableMap<Instant, List<SimulatedMessage>> periods = new TreeMap<>();
        for (SimulatedMessage m : minutes.values()) {
            Instant start = daily
                    ? ShanghaiTime.startOfDay(ShanghaiTime.epochDay(m.time()))
                    : m.time().truncatedTo(ChronoUnit.HOURS);
            periods.computeIfAbsent(start, s -> new ArrayList<>()).add(m);
        }
        List<Aggregate> out = new ArrayList<>();
        for (var period : periods.subMap(begin, true, end, true).entrySet()) {
            Map<String, Double> sums = new TreeMap<>();
            Map<String, Integer> counts = new TreeMap<>();
            boolean normal = true;
            for (SimulatedMessage m : period.getValue()) {
                normal &= m.flag() == DataFlag.N;
                for (SimulatedMessage.Value v : m.values()) {
                    sums.merge(v.parameter(), v.value(), Double::sum);
                    counts.merge(v.parameter(), 1, Integer::sum);
                }
            }
            Map<String, Double> means = new TreeMap<>();
            sums.forEach((p, sum) -> means.put(p, sum / counts.get(p)));
            out.add(new Aggregate(period.getKey(), means, normal));
        }
        return out;
    }
}
