package org.urad.envmon.ingest.simulator;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.urad.envmon.ingest.reading.Calibration;
import org.urad.envmon.ingest.reading.Family;
import org.urad.envmon.ingest.registry.Device;

/**
 * Backfill mode: writes the simulated history of every active device between two instants
 * straight into the reading tables and {@code calibration_record} with COPY, bypassing MQTT.
 * Meant for an empty range: a reading already stored for the same key makes its COPY fail.
 */
public final class Backfill {

    private static final String READING_COLUMNS =
            "(device_id, parameter, period, stat, ts, value, flag, valid, seq, received_at)";
    private static final String CALIBRATION_COLUMNS =
            "(device_id, parameter, kind, ts, reference, measured, full_scale, reported_pass, family, received_at)";
    private static final int FLUSH_CHARS = 8 << 20;
    private static final long DELIVERY_SECONDS = 2;

    public record Result(long messages, long readings, long calibrations, Duration elapsed) {
        public double readingsPerSecond() {
            return readings / Math.max(0.001, elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return "backfill: %d messages, %d readings, %d calibrations in %.1f s (%.0f readings/s)"
                    .formatted(messages, readings, calibrations, elapsed.toNanos() / 1e9, readingsPerSecond());
        }
    }

    private final Simulation simulation;
    private final CopyManager copy;
    private final Map<Family, StringBuilder> readings = new EnumMap<>(Family.class);
    private final StringBuilder calibrations = new StringBuilder();
    private long messageCount;
    private long readingCount;
    private long calibrationCount;

    public Backfill(Simulation simulation, Connection connection) throws SQLException {
        this.simulation = simulation;
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    /** Writes every message due in [from, to). */
    public Result run(Instant from, Instant to) throws Exception {
        long started = System.nanoTime();
        var devices = simulation.registry().devices().stream()
                .filter(Device::active)
                .sorted(Comparator.comparing(Device::id))
                .toList();
        for (Device device : devices) {
            long seq = 0;
            Duration interval = device.reportingInterval();
            for (Instant t = Simulation.aligned(from, interval); t.isBefore(to); t = t.plus(interval)) {
                var message = simulation.message(device, t);
                if (message.isPresent()) {
                    append(message.get(), seq++);
                }
            }
        }
        flush(0);
        return new Result(messageCount, readingCount, calibrationCount, Duration.ofNanos(System.nanoTime() - started));
    }

    private void append(SimulatedMessage m, long seq) throws Exception {
        messageCount++;
        StringBuilder rows = readings.computeIfAbsent(m.device().family(), f -> new StringBuilder(FLUSH_CHARS + 4096));
        String flag = m.flag().name();
        boolean valid = m.flag().isValid(false);
        for (SimulatedMessage.Value v : m.values()) {
            rows.append(m.device().id()).append('\t').append(v.parameter()).append("\trt\tval\t");
            rows.append(v.time())
                    .append('\t')
                    .append(v.value())
                    .append('\t')
                    .append(flag)
                    .append('\t');
            rows.append(valid ? 't' : 'f').append('\t').append(seq).append('\t');
            rows.append(m.time().plusSeconds(DELIVERY_SECONDS)).append('\n');
            readingCount++;
        }
        for (Calibration c : m.calibrations()) {
            calibrations.append(c.deviceId()).append('\t').append(c.parameter()).append('\t');
            calibrations.append(c.kind().code()).append('\t').append(c.time()).append('\t');
            calibrations.append(c.reference()).append('\t').append(c.measured()).append('\t');
            calibrations
                    .append(c.fullScale() == null ? "\\N" : c.fullScale().toString())
                    .append('\t');
            calibrations
                    .append(c.reportedPass() == null ? "\\N" : c.reportedPass() ? "t" : "f")
                    .append('\t');
            calibrations.append(c.family().code()).append('\t');
            calibrations.append(m.time().plusSeconds(DELIVERY_SECONDS)).append('\n');
            calibrationCount++;
        }
        flush(FLUSH_CHARS);
    }

    private void flush(int atLeast) throws Exception {
        for (var entry : readings.entrySet()) {
            if (entry.getValue().length() > atLeast) {
                copyIn(entry.getKey().table() + " " + READING_COLUMNS, entry.getValue());
            }
        }
        if (calibrations.length() > atLeast) {
            copyIn("calibration_record " + CALIBRATION_COLUMNS, calibrations);
        }
    }

    private void copyIn(String target, StringBuilder rows) throws Exception {
        copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(rows.toString()));
        rows.setLength(0);
    }
}
