package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedStatus;

/**
 * The status uploads of a data logger as status items, each timed by the frame's {@code DataTime}:
 *
 * <ul>
 *   <li>CN 2021 running status: {@code SB1-RS=1} → subject {@code SB1}, code {@code RS};
 *   <li>CN 2041 daily running time: {@code SB1-RT=23.5} → subject {@code SB1}, code {@code RT};
 *   <li>CN 2081 power-on time: {@code RestartTime=20240301083000} → subject {@code ""}, code {@code
 *       RestartTime} (the value must be a valid time);
 *   <li>CN 3020 on-site machine information: {@code PolId=w01018;i12001-Info=1} → subject {@code w01018}
 *       (the last {@code PolId} before the item, {@code ""} before any), code {@code i12001}.
 * </ul>
 *
 * Other fields are ignored. A frame without any item is {@code MISSING_FIELD}, one without {@code DataTime}
 * {@code MISSING_DATATIME}. What the information codes mean is {@link Hj212InfoCodes}' business.
 */
final class Hj212Status {

    static final String POL_ID = "PolId";
    static final String RESTART_TIME = "RestartTime";

    private Hj212Status() {}

    static List<DecodedStatus> of(Hj212Frame frame) throws DecodeException {
        String suffix = switch (frame.cn()) {
            case "2021" -> "RS";
            case "2041" -> "RT";
            case "3020" -> "Info";
            default -> null;
        };
        Instant time = null;
        String subject = "";
        List<DecodedStatus> items = new ArrayList<>();
        for (List<Hj212Field> item : frame.cp()) {
            for (Hj212Field field : item) {
                if (field.key().equals(Hj212Values.DATA_TIME)) {
                    time = Hj212Time.parse(Hj212Values.DATA_TIME, field.value());
                } else if (field.key().equals(POL_ID)) {
                    subject = field.value();
                } else if (suffix == null && field.key().equals(RESTART_TIME)) {
                    Hj212Time.parse(RESTART_TIME, field.value());
                    items.add(item(frame, time, "", RESTART_TIME, field.value()));
                } else if (suffix != null
                        && field.suffix().equals(suffix)
                        && !field.code().isEmpty()) {
                    String about = suffix.equals("Info") ? subject : field.code();
                    String code = suffix.equals("Info") ? field.code() : suffix;
                    items.add(item(frame, time, about, code, field.value()));
                }
            }
        }
        if (items.isEmpty()) {
            throw Hj212Errors.missingField(
                    suffix == null ? RESTART_TIME : (suffix.equals("Info") ? "<code>-Info" : "<code>-" + suffix));
        }
        return items;
    }

    private static DecodedStatus item(Hj212Frame frame, Instant time, String subject, String code, String value)
            throws DecodeException {
        if (time == null) {
            throw Hj212Errors.missingDataTime(frame.cn());
        }
        return new DecodedStatus(subject, code, time, value);
    }
}
