package org.urad.envmon.ingest.decode.hj212;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * Reassembles split messages (Flag D, PNUM/PNO) per (MN, QN) into one frame whose CP items are
 * the packets' items in packet order. Not thread-safe; the caller passes the time in.
 *
 * <p>A message still missing packets {@code timeout} after its first packet arrived is given up
 * by {@link #expire}; so is the oldest one when more than {@code maxPending} are open. A repeated
 * packet (a logger resending) replaces nothing: the first copy is kept.
 */
public final class Hj212PacketAssembler {

    private final Duration timeout;
    private final int maxPending;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();

    public Hj212PacketAssembler(Duration timeout, int maxPending) {
        if (timeout.isNegative() || timeout.isZero() || maxPending < 1) {
            throw new IllegalArgumentException("timeout and maxPending must be positive");
        }
        this.timeout = timeout;
        this.maxPending = maxPending;
    }

    /**
     * Adds one frame. An unsplit frame comes straight back; a packet completing its message brings
     * back the assembled frame; otherwise the result is empty.
     */
    public Optional<Hj212Frame> add(Hj212Frame frame, Instant now) throws DecodeException {
        if (!frame.split()) {
            return Optional.of(frame);
        }
        if (frame.qn() == null) {
            throw Hj212Errors.missingField("QN (needed to reassemble a split message)");
        }
        Key key = new Key(frame.mn(), frame.qn());
        Pending group = pending.get(key);
        if (group == null) {
            group = new Pending(now, frame.pnum());
            pending.put(key, group);
        } else if (group.total != frame.pnum()) {
            throw Hj212Errors.badField(
                    "PNUM",
                    String.valueOf(frame.pnum()),
                    "earlier packets of QN=" + frame.qn() + " said " + group.total);
        }
        group.packets.putIfAbsent(frame.pno(), frame);
        if (group.packets.size() < group.total) {
            return Optional.empty();
        }
        pending.remove(key);
        List<List<Hj212Field>> items = new ArrayList<>();
        group.packets.values().forEach(p -> items.addAll(p.cp()));
        return Optional.of(group.packets.firstEntry().getValue().unsplit(items));
    }

    /** Gives up messages whose first packet is older than the timeout, or beyond {@code maxPending}. */
    public List<Hj212Incomplete> expire(Instant now) {
        List<Hj212Incomplete> expired = new ArrayList<>();
        int excess = pending.size() - maxPending;
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Pending> entry = it.next();
            Pending group = entry.getValue();
            if (excess-- > 0 || !group.firstSeen.plus(timeout).isAfter(now)) {
                it.remove();
                Key key = entry.getKey();
                expired.add(new Hj212Incomplete(
                        key.mn,
                        key.qn,
                        List.copyOf(group.packets.values()),
                        Hj212Errors.incompletePackets(key.mn, key.qn, group.packets.size(), group.total)));
            }
        }
        return expired;
    }

    /** Messages waiting for more packets. */
    public int pending() {
        return pending.size();
    }

    private record Key(String mn, String qn) {
        Key {
            Objects.requireNonNull(mn);
            Objects.requireNonNull(qn);
        }
    }

    private static final class Pending {
        final Instant firstSeen;
        final int total;
        final TreeMap<Integer, Hj212Frame> packets = new TreeMap<>();

        Pending(Instant firstSeen, int total) {
            this.firstSeen = firstSeen;
            this.total = total;
        }
    }
}
