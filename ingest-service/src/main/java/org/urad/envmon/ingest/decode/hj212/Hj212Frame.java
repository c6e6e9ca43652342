package org.urad.envmon.ingest.decode.hj212;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One HJ 212 frame's data segment, parsed but not interpreted.
 *
 * @param qn request id ({@code YYYYMMDDhhmmsszzz}), or {@code null} when absent (2005 frames)
 * @param st system code ({@code 31} flue gas, {@code 32} wastewater, {@code 91} interaction, …)
 * @param cn command code ({@code 2011}, {@code 2051}, …)
 * @param pw password, or {@code null} when absent
 * @param mn the data logger's id
 * @param flag the Flag bits, or {@code null} when absent (2005 frames)
 * @param pnum total packets of a split message, or {@code null}
 * @param pno this packet's number (1-based) in a split message, or {@code null}
 * @param cp the CP items in order: {@code ;} separates items, {@code ,} fields of one item
 */
public record Hj212Frame(
        String qn,
        String st,
        String cn,
        String pw,
        String mn,
        Integer flag,
        Integer pnum,
        Integer pno,
        List<List<Hj212Field>> cp) {

    /** Flag bit 0: the sender wants a reply. */
    public static final int FLAG_REPLY = 1;
    /** Flag bit 1: the message is split into packets (PNUM, PNO). */
    public static final int FLAG_SPLIT = 2;
    /** The version bits (Flag bits 2..) of the 2017 revision. */
    public static final int VERSION_2017 = 1;

    public Hj212Frame {
        Objects.requireNonNull(st, "st");
        Objects.requireNonNull(cn, "cn");
        Objects.requireNonNull(mn, "mn");
        cp = cp.stream().map(List::copyOf).toList();
    }

    public int flagBits() {
        return flag == null ? 0 : flag;
    }

    public boolean replyRequested() {
        return (flagBits() & FLAG_REPLY) != 0;
    }

    public boolean split() {
        return (flagBits() & FLAG_SPLIT) != 0;
    }

    /** The protocol version bits: 1 for HJ 212-2017, 0 for 2005 frames. */
    public int version() {
        return flagBits() >> 2;
    }

    /** The first CP field with this key, in any item. */
    public Optional<String> cpValue(String key) {
        return cp.stream()
                .flatMap(List::stream)
                .filter(f -> f.key().equals(key))
                .map(Hj212Field::value)
                .findFirst();
    }

    /** This frame with other CP items and without packet numbering (an assembled message). */
    Hj212Frame unsplit(List<List<Hj212Field>> items) {
        Integer bits = flag == null ? null : flag & ~FLAG_SPLIT;
        return new Hj212Frame(qn, st, cn, pw, mn, bits, null, null, items);
    }
}
