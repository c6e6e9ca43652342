package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedStatus;
import org.urad.envmon.ingest.reading.CalibrationKind;

/**
 * The CN 3020 information codes that make a calibration result, per analyser ({@code PolId}); every
 * information item is also kept as it came (see {@code docs/hj212.md} for the sources of each code):
 *
 * <ul>
 *   <li>zero calibration: time {@code i13006}, concentration read on the zero standard {@code i13104},
 *       reference 0 (a zero calibration is made on the zero standard); full scale {@code i13001} when
 *       numeric. Both {@code i13006} and {@code i13104} are needed; either alone stays a status item.
 * </ul>
 *
 * A time or number that cannot be read is {@code BAD_FIELD}: the logger said it calibrated and what it
 * said cannot be used, so the frame goes to the quarantine rather than half of it to the table.
 */
final class Hj212InfoCodes {

    static final String ZERO_TIME = "i13006";
    static final String ZERO_MEASURED = "i13104";
    static final String RANGE = "i13001";

    private Hj212InfoCodes() {}

    static List<DecodedCalibration> calibrations(List<DecodedStatus> items) throws DecodeException {
        Map<String, Map<String, String>> byAnalyser = new LinkedHashMap<>();
        for (DecodedStatus item : items) {
            if (!item.subject().isEmpty()) {
                byAnalyser
                        .computeIfAbsent(item.subject(), s -> new LinkedHashMap<>())
                        .put(item.code(), item.value());
            }
        }
        List<DecodedCalibration> results = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> analyser : byAnalyser.entrySet()) {
            Map<String, String> info = analyser.getValue();
            String time = info.get(ZERO_TIME);
            String measured = info.get(ZERO_MEASURED);
            if (time != null && measured != null) {
                Instant at = Hj212Time.parse(ZERO_TIME + "-Info", time);
                results.add(new DecodedCalibration(
                        analyser.getKey(),
                        CalibrationKind.ZERO.code(),
                        at,
                        0.0,
                        number(ZERO_MEASURED, measured),
                        fullScale(info.get(RANGE)),
                        null,
                        null));
            }
        }
        return results;
    }

    private static double number(String code, String value) throws DecodeException {
        return Hj212Numbers.parse(new Hj212Field(code + "-Info", value));
    }

    /** The range, when it is a positive number; a range given otherwise (a range index) is not a full scale. */
    private static Double fullScale(String value) {
        if (value == null) {
            return null;
        }
        try {
            double range = Hj212Numbers.parse(new Hj212Field(RANGE + "-Info", value));
            return range > 0 ? range : null;
        } catch (DecodeException e) {
            return null;
        }
    }
}
