package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.urad.envmon.ingest.reading.CalibrationKind;

/**
 * Builds data frames from values, for simulators and tests: {@code DataTime} first, then one CP
 * item per parameter code in the order first used.
 *
 * <pre>
 * byte[] frame = Hj212FrameBuilder.of("2011", "31", "MN0001")
 *         .qn(now).password("123456").replyRequested(true).dataTime(now)
 *         .value("a21026", "Rtd", 12.3).dataFlag("a21026", "N")
 *         .encode();
 * </pre>
 */
public final class Hj212FrameBuilder {

    private final String cn;
    private final String st;
    private final String mn;
    private String qn;
    private String pw;
    private int flag = Hj212Frame.VERSION_2017 << 2;
    private Instant dataTime;
    private final Map<String, List<Hj212Field>> items = new LinkedHashMap<>();

    private Hj212FrameBuilder(String cn, String st, String mn) {
        this.cn = Objects.requireNonNull(cn);
        this.st = Objects.requireNonNull(st);
        this.mn = Objects.requireNonNull(mn);
    }

    /** A 2017 frame (Flag=4) for command {@code cn} of system {@code st} from logger {@code mn}. */
    public static Hj212FrameBuilder of(String cn, String st, String mn) {
        return new Hj212FrameBuilder(cn, st, mn);
    }

    public Hj212FrameBuilder qn(Instant time) {
        this.qn = Hj212Time.qn(time);
        return this;
    }

    public Hj212FrameBuilder qn(String qn) {
        this.qn = qn;
        return this;
    }

    public Hj212FrameBuilder password(String pw) {
        this.pw = pw;
        return this;
    }

    /** The whole Flag field, version bits included. */
    public Hj212FrameBuilder flag(int flag) {
        this.flag = flag;
        return this;
    }

    public Hj212FrameBuilder replyRequested(boolean reply) {
        flag = reply ? flag | Hj212Frame.FLAG_REPLY : flag & ~Hj212Frame.FLAG_REPLY;
        return this;
    }

    public Hj212FrameBuilder dataTime(Instant time) {
        this.dataTime = time;
        return this;
    }

    /** {@code <code>-<suffix>=<value>}, e.g. {@code value("a21026", "Avg", 35.2)}. */
    public Hj212FrameBuilder value(String code, String suffix, double value) {
        return field(code, suffix, Hj212Numbers.format(value));
    }

    /** {@code <code>-Flag=<flag>}. */
    public Hj212FrameBuilder dataFlag(String code, String flag) {
        return field(code, "Flag", flag);
    }

    /** A zero or span result in the form {@link Hj212Calibrations} reads (CN 3011). */
    public Hj212FrameBuilder calibration(String code, CalibrationKind kind, double reference, double measured) {
        String prefix = Hj212Calibrations.prefix(kind);
        return value(code, prefix + "Ref", reference).value(code, prefix + "Val", measured);
    }

    /** Any field of a parameter's item, written as given. */
    public Hj212FrameBuilder field(String code, String suffix, String value) {
        items.computeIfAbsent(code, c -> new ArrayList<>()).add(new Hj212Field(code + "-" + suffix, value));
        return this;
    }

    /** {@code PolId=<polId>,<code>-Info=<value>} (CN 3020 on-site machine information); one item per analyser. */
    public Hj212FrameBuilder info(String polId, String code, String value) {
        items.computeIfAbsent(
                        Hj212Status.POL_ID + "=" + polId,
                        k -> new ArrayList<>(List.of(new Hj212Field(Hj212Status.POL_ID, polId))))
                .add(new Hj212Field(code + "-Info", value));
        return this;
    }

    /** A field of its own item with a key of its own, e.g. {@code RestartTime=20240301080512} (CN 2081). */
    public Hj212FrameBuilder plain(String key, String value) {
        items.computeIfAbsent(key, k -> new ArrayList<>()).add(new Hj212Field(key, value));
        return this;
    }

    public Hj212Frame build() {
        List<List<Hj212Field>> cp = new ArrayList<>();
        if (dataTime != null) {
            cp.add(List.of(new Hj212Field(Hj212Values.DATA_TIME, Hj212Time.dataTime(dataTime))));
        }
        cp.addAll(items.values());
        return new Hj212Frame(qn, st, cn, pw, mn, flag, null, null, cp);
    }

    public byte[] encode() {
        return Hj212Codec.encode(build());
    }
}
