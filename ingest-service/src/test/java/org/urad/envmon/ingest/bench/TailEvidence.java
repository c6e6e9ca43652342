package org.urad.envmon.ingest.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.sql.DataSource;

/**
 * What else happened during a latency window, to read its tail by: the garbage collections of this JVM (count,
 * summed and longest pause, from the collectors' notifications; concurrent cycles, which do not stop the
 * threads, left out) and the checkpoints of the PostgreSQL cluster (timed, requested, buffers they wrote).
 */
final class TailEvidence {

    record Gc(long collections, long totalMillis, long maxPauseMillis) {}

    record Checkpoints(long timed, long requested, long buffersWritten) {}

    record Figures(Gc gc, Checkpoints checkpoints) {}

    private final DataSource dataSource;
    private final Checkpoints checkpointsBefore;
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong totalMillis = new AtomicLong();
    private final AtomicLong maxMillis = new AtomicLong();
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::collected;

    private TailEvidence(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        this.checkpointsBefore = checkpoints(dataSource);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Starts watching: from now until {@link #close()}. */
    static TailEvidence open(DataSource dataSource) throws SQLException {
        return new TailEvidence(dataSource);
    }

    Figures close() throws SQLException {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // never added
            }
        }
        Checkpoints after = checkpoints(dataSource);
        return new Figures(
                new Gc(collections.get(), totalMillis.get(), maxMillis.get()),
                new Checkpoints(
                        after.timed() - checkpointsBefore.timed(),
                        after.requested() - checkpointsBefore.requested(),
                        after.buffersWritten() - checkpointsBefore.buffersWritten()));
    }

    private void collected(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (info.getGcName().contains("Concurrent") || info.getGcAction().contains("concurrent")) {
            return; // runs beside the application threads
        }
        long millis = info.getGcInfo().getDuration();
        collections.incrementAndGet();
        totalMillis.addAndGet(millis);
        maxMillis.accumulateAndGet(millis, Math::max);
    }

    /** The cluster's checkpoint counters: {@code pg_stat_checkpointer} from PostgreSQL 17, before it {@code pg_stat_bgwriter}. */
    static Checkpoints checkpoints(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            String sql = c.getMetaData().getDatabaseMajorVersion() >= 17
                    ? "SELECT num_timed, num_requested, buffers_written FROM pg_stat_checkpointer"
                    : "SELECT checkpoints_timed, checkpoints_req, buffers_checkpoint FROM pg_stat_bgwriter";
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return new Checkpoints(rs.getLong(1), rs.getLong(2), rs.getLong(3));
            }
        }
    }
}
