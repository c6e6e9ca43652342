package org.urad.envmon.ingest.decode.sl651;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.urad.envmon.ingest.reading.RejectReason;
import org.urad.envmon.ingest.reading.Rejection;

/**
 * Puts the packets of SL 651 multi-packet messages (mode M3) back together, per station address, function
 * code and packet total, into one HEX/BCD frame (STX, the packets' shares in serial order, ETX) that decodes
 * as any single frame. Pure and not thread-safe: the caller passes the time in.
 *
 * <p>The message's serial number (流水号) is in the first packet's share only, so it cannot name a message
 * whose first packet has not come: a packet whose serial number is already held with other bytes starts a
 * new message, and the one held is given up as incomplete. A packet held already with the same bytes (a
 * station resending because it missed the confirmation) is a duplicate: confirmed again, kept once.
 *
 * <p>Bounded by {@link Limits}: a message announcing more than {@code maxPackets} packets is refused at its
 * first packet; a message whose shares would exceed {@code maxBytes} is refused with every packet held; a
 * message still missing packets {@code timeout} after its first packet arrived comes back from {@link
 * #expire} with the packets' bytes; at most {@link #MAX_OPEN} messages are open (a new one gives up the
 * oldest).
 */
public final class Sl651Reassembly {

    /** Messages open at once on one connection. */
    public static final int MAX_OPEN = 8;

    /**
     * @param timeout how long after its first packet a message may take to be complete
     * @param maxPackets the most packets one message may announce
     * @param maxBytes the most bytes the packets' shares may hold together; at most one frame's body (4095)
     */
    public record Limits(Duration timeout, int maxPackets, int maxBytes) {

        public static final Limits DEFAULTS = new Limits(Duration.ofMinutes(2), 64, Sl651Codec.MAX_BODY);

        public Limits {
            if (timeout.isNegative() || timeout.isZero() || maxPackets < 1 || maxPackets > Sl651Packet.MAX_COUNT) {
                throw new IllegalArgumentException("timeout must be positive and maxPackets 1..4095");
            }
            if (maxBytes < 1 || maxBytes > Sl651Codec.MAX_BODY) {
                throw new IllegalArgumentException(
                        "maxBytes must be 1.." + Sl651Codec.MAX_BODY + ": the message must fit one frame");
            }
        }
    }

    /** What one packet did. */
    public sealed interface Outcome {}

    /** Kept (or already held with the same bytes); {@code reply} confirms the packet. */
    public record Held(byte[] reply, boolean duplicate) implements Outcome {}

    /** The packet completed its message: {@code frame} is the whole message as one frame. */
    public record Complete(byte[] frame) implements Outcome {}

    /** Refused, with the bytes of every packet of the message held so far and this one. */
    public record Refused(Rejection rejection, byte[] bytes) implements Outcome {}

    /** A message given up, with its station, the packets' bytes in the order they came, and why. */
    public record GivenUp(String station, Rejection rejection, byte[] bytes) {}

    private record Key(String station, int function, int total) {}

    private static final class Open {
        final Instant first;
        final TreeMap<Integer, Sl651Packet> packets = new TreeMap<>();
        final Map<Integer, byte[]> raw = new LinkedHashMap<>();
        int bytes;

        Open(Instant first) {
            this.first = first;
        }

        byte[] received() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            raw.values().forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    private final Limits limits;
    private final Map<Key, Open> open = new LinkedHashMap<>();
    private final List<GivenUp> givenUp = new ArrayList<>();

    public Sl651Reassembly(Limits limits) {
        this.limits = limits;
    }

    /** Adds one packet, with its bytes as received. */
    public Outcome add(Sl651Packet packet, byte[] bytes, Instant now) {
        Sl651Frame f = packet.frame();
        if (packet.total() > limits.maxPackets()) {
            return new Refused(
                    Rejection.of(
                            RejectReason.TOO_MANY_PENDING_PACKETS,
                            "multi-packet message of " + packet.total() + " packets; at most " + limits.maxPackets()
                                    + " are taken"),
                    bytes);
        }
        Key key = new Key(f.station(), f.function(), packet.total());
        Open message = open.get(key);
        if (message != null && message.packets.containsKey(packet.seq())) {
            if (Arrays.equals(message.raw.get(packet.seq()), bytes)) {
                return new Held(Sl651Replies.packetConfirm(packet), true);
            }
            giveUp(
                    key,
                    "packet " + packet.seq() + " of " + packet.total() + " came again with other bytes: a new message");
            message = null;
        }
        if (message == null) {
            if (open.size() >= MAX_OPEN) {
                giveUp(
                        open.keySet().iterator().next(),
                        "more than " + MAX_OPEN + " multi-packet messages open at once");
            }
            message = new Open(now);
            open.put(key, message);
        }
        int share = f.body().length;
        if (message.bytes + share > limits.maxBytes()) {
            open.remove(key);
            message.raw.put(packet.seq(), bytes);
            return new Refused(
                    Rejection.of(
                            RejectReason.PAYLOAD_TOO_LARGE,
                            "multi-packet message from station " + f.station() + " exceeds " + limits.maxBytes()
                                    + " bytes at packet " + packet.seq() + " of " + packet.total()),
                    message.received());
        }
        message.packets.put(packet.seq(), packet);
        message.raw.put(packet.seq(), bytes);
        message.bytes += share;
        if (message.packets.size() < packet.total()) {
            return new Held(Sl651Replies.packetConfirm(packet), false);
        }
        open.remove(key);
        ByteArrayOutputStream body = new ByteArrayOutputStream(message.bytes);
        message.packets.values().forEach(p -> body.writeBytes(p.frame().body()));
        return new Complete(Sl651Codec.encode(new Sl651Frame(
                false, f.centre(), f.station(), f.password(), f.function(), true, body.toByteArray(), Sl651Frame.ETX)));
    }

    /** The messages given up since the last call: timed out, pushed out or replaced. */
    public List<GivenUp> expire(Instant now) {
        Iterator<Map.Entry<Key, Open>> it = open.entrySet().iterator();
        List<Key> late = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<Key, Open> e = it.next();
            if (!now.isBefore(e.getValue().first.plus(limits.timeout()))) {
                late.add(e.getKey());
            }
        }
        late.forEach(k -> giveUp(k, "still incomplete " + limits.timeout() + " after its first packet"));
        List<GivenUp> out = List.copyOf(givenUp);
        givenUp.clear();
        return out;
    }

    /** Every message still open, given up: the connection is closing. */
    public List<GivenUp> abandon() {
        List.copyOf(open.keySet()).forEach(k -> giveUp(k, "the connection closed before it was complete"));
        List<GivenUp> out = List.copyOf(givenUp);
        givenUp.clear();
        return out;
    }

    private void giveUp(Key key, String why) {
        Open message = open.remove(key);
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= key.total() && missing.size() < 20; i++) {
            if (!message.packets.containsKey(i)) {
                missing.add(i);
            }
        }
        givenUp.add(new GivenUp(
                key.station(),
                Rejection.of(
                        RejectReason.INCOMPLETE_PACKETS,
                        String.format(
                                "multi-packet message (function %02XH) from station %s %s: has %d of %d packets, missing %s",
                                key.function(), key.station(), why, message.packets.size(), key.total(), missing)),
                message.received()));
    }
}
