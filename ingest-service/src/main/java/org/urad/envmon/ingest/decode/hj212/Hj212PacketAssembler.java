package org.urad.envmon.ingest.decode.hj212;

import java.io.ByteArrayOutputStream;
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
 * <p>Bounded, whatever a sender does: at most {@code maxPending} messages open (a new one gives up the
 * oldest) and {@code maxPendingBytes} bytes of packets held (the message whose packet would go beyond
 * it is given up); a message whose packets together do not fit one frame (9,999 bytes of data segment)
 * is given up once complete. A message still missing packets {@code timeout} after its first packet
 * arrived is given up too. Every message given up comes back from {@link #expire} with its packets'
 * bytes and a reason. A repeated packet (a logger resending) replaces nothing: the first copy is kept.
 */
public final class Hj212PacketAssembler {

    public static final int DEFAULT_MAX_PENDING_BYTES = 65536;

    private final Duration timeout;
    private final int maxPending;
    private final int maxPendingBytes;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private final List<Hj212Incomplete> givenUp = new ArrayList<>();
    private int pendingBytes;

    public Hj212PacketAssembler(Duration timeout, int maxPending) {
        this(timeout, maxPending, DEFAULT_MAX_PENDING_BYTES);
    }

    public Hj212PacketAssembler(Duration timeout, int maxPending, int maxPendingBytes) {
        if (timeout.isNegative() || timeout.isZero() || maxPending < 1 || maxPendingBytes < 1) {
            throw new IllegalArgumentException("timeout, maxPending and maxPendingBytes must be positive");
        }
        this.timeout = timeout;
        this.maxPending = maxPending;
        this.maxPendingBytes = maxPendingBytes;
    }

    /**
     * Adds one frame, with its bytes as received. An unsplit frame comes straight back; a packet completing
     * its message brings back the assembled message; otherwise the result is empty.
     *
     * @throws DecodeException for a packet that cannot belong to any message (no QN, a PNUM its message's
     *     earlier packets disagree with); the message it names is unaffected
     */
    public Optional<Hj212Message> add(Hj212Frame frame, byte[] bytes, Instant now) throws DecodeException {
        if (!frame.split()) {
            return Optional.of(new Hj212Message(frame, bytes));
        }
        if (frame.qn() == null) {
            throw Hj212Errors.missingField("QN (needed to reassemble a split message)");
        }
        Key key = new Key(frame.mn(), frame.qn());
        Pending group = pending.get(key);
        if (group != null && group.total != frame.pnum()) {
            throw Hj212Errors.badField(
                    "PNUM",
                    String.valueOf(frame.pnum()),
                    "earlier packets of QN=" + frame.qn() + " said " + group.total);
        }
        if (group == null) {
            if (pending.size() >= maxPending) {
                Key oldest = pending.keySet().iterator().next();
                giveUp(oldest, "more than " + maxPending + " split messages open at once");
            }
            group = new Pending(now, frame.pnum());
            pending.put(key, group);
        }
        if (group.packets.containsKey(frame.pno())) {
            return Optional.empty();
        }
        group.packets.put(frame.pno(), new Packet(frame, bytes));
        group.bytes += bytes.length;
        pendingBytes += bytes.length;
        if (pendingBytes > maxPendingBytes) {
            giveUp(key, "more than " + maxPendingBytes + " bytes of packets waiting");
            return Optional.empty();
        }
        return group.packets.size() < group.total ? Optional.empty() : assemble(key, group);
    }

    /**
     * Messages given up since the last call: those still missing packets {@code timeout} after their first
     * packet arrived, and those {@link #add} gave up (limits, size).
     */
    public List<Hj212Incomplete> expire(Instant now) {
        Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Pending> entry = it.next();
            Pending group = entry.getValue();
            if (!group.firstSeen.plus(timeout).isAfter(now)) {
                it.remove();
                pendingBytes -= group.bytes;
                Key key = entry.getKey();
                givenUp.add(incomplete(
                        key,
                        group,
                        Hj212Errors.incompletePackets(
                                key.mn, key.qn, group.packets.size(), group.total, "before the timeout")));
            }
        }
        return drain();
    }

    /** Gives up every open message, as when the connection they came on closes. */
    public List<Hj212Incomplete> abandon() {
        for (Map.Entry<Key, Pending> entry : pending.entrySet()) {
            Key key = entry.getKey();
            Pending group = entry.getValue();
            givenUp.add(incomplete(
                    key,
                    group,
                    Hj212Errors.incompletePackets(
                            key.mn, key.qn, group.packets.size(), group.total, "before the connection closed")));
        }
        pending.clear();
        pendingBytes = 0;
        return drain();
    }

    /** Messages waiting for more packets. */
    public int pending() {
        return pending.size();
    }

    /** Bytes of the packets held for them. */
    public int pendingBytes() {
        return pendingBytes;
    }

    private Optional<Hj212Message> assemble(Key key, Pending group) {
        List<List<Hj212Field>> items = new ArrayList<>();
        group.packets.values().forEach(p -> items.addAll(p.frame.cp()));
        Hj212Frame whole = group.packets.firstEntry().getValue().frame.unsplit(items);
        if (whole.pw() != null && Hj212Segment.hasSeparator(whole.pw())) {
            fail(key, Hj212Errors.badSyntax("PW holds , = or &, which a reassembled message cannot carry"));
            return Optional.empty();
        }
        String segment = Hj212Segment.format(whole);
        if (segment.length() > Hj212Codec.MAX_SEGMENT) {
            fail(key, Hj212Errors.reassembledTooLarge(key.mn, key.qn, group.total, segment.length()));
            return Optional.empty();
        }
        remove(key);
        return Optional.of(new Hj212Message(whole, Hj212Codec.wrap(segment)));
    }

    private void giveUp(Key key, String why) {
        Pending group = pending.get(key);
        fail(key, Hj212Errors.tooManyPendingPackets(key.mn, key.qn, group.packets.size(), group.total, why));
    }

    private void fail(Key key, DecodeException error) {
        givenUp.add(incomplete(key, remove(key), error));
    }

    private Pending remove(Key key) {
        Pending group = pending.remove(key);
        pendingBytes -= group.bytes;
        return group;
    }

    private List<Hj212Incomplete> drain() {
        List<Hj212Incomplete> out = List.copyOf(givenUp);
        givenUp.clear();
        return out;
    }

    private static Hj212Incomplete incomplete(Key key, Pending group, DecodeException error) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(group.bytes);
        group.packets.values().forEach(p -> bytes.writeBytes(p.bytes));
        List<Hj212Frame> frames =
                group.packets.values().stream().map(p -> p.frame).toList();
        return new Hj212Incomplete(key.mn, key.qn, frames, bytes.toByteArray(), error);
    }

    private record Key(String mn, String qn) {
        Key {
            Objects.requireNonNull(mn);
            Objects.requireNonNull(qn);
        }
    }

    private record Packet(Hj212Frame frame, byte[] bytes) {}

    private static final class Pending {
        final Instant firstSeen;
        final int total;
        final TreeMap<Integer, Packet> packets = new TreeMap<>();
        int bytes;

        Pending(Instant firstSeen, int total) {
            this.firstSeen = firstSeen;
            this.total = total;
        }
    }
}
