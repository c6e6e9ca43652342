package org.urad.envmon.ingest.decode.hj212;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.reading.CalibrationKind;

/**
 * Turns a CN 3011 (zero/span calibration) frame sent by a data logger into calibration results.
 *
 * <p>HJ 212-2017 defines 3011 only as the platform's command ({@code CP=&&PolId=a21026&&}); it has
 * no upload form for the outcome, so loggers that report one use vendor fields. This service
 * accepts one convention, per parameter code, timed by the frame's {@code DataTime}:
 *
 * <pre>
 * CP=&amp;&amp;DataTime=20240301083000;
 *     a21026-ZeroRef=0,a21026-ZeroVal=0.8,a21026-SpanRef=80,a21026-SpanVal=79.1,
 *     a21026-FullScale=100,a21026-ZeroPass=Y,a21026-SpanPass=Y&amp;&amp;
 * </pre>
 *
 * {@code -ZeroRef}/{@code -ZeroVal} give a zero check and {@code -SpanRef}/{@code -SpanVal} a span
 * check (reference value, measured value, in the parameter's canonical unit); each needs both
 * fields. {@code -FullScale} (the analyser's range) and {@code -ZeroPass}/{@code -SpanPass}
 * ({@code Y}/{@code N}, the logger's own verdict) are optional. Other fields are ignored. A frame
 * without any result is {@code MISSING_FIELD}.
 */
final class Hj212Calibrations {

    private Hj212Calibrations() {}

    static List<DecodedCalibration> of(Hj212Frame frame) throws DecodeException {
        Map<String, Map<String, Hj212Field>> byCode = new LinkedHashMap<>();
        for (List<Hj212Field> item : frame.cp()) {
            for (Hj212Field field : item) {
                if (!field.code().isEmpty() && !field.suffix().isEmpty()) {
                    byCode.computeIfAbsent(field.code(), c -> new LinkedHashMap<>())
                            .putIfAbsent(field.suffix(), field);
                }
            }
        }
        String dataTime = frame.cpValue(Hj212Values.DATA_TIME).orElse(null);
        List<DecodedCalibration> results = new ArrayList<>();
        for (Map.Entry<String, Map<String, Hj212Field>> entry : byCode.entrySet()) {
            for (CalibrationKind kind : List.of(CalibrationKind.ZERO, CalibrationKind.SPAN)) {
                if (dataTime == null && hasAny(entry.getValue(), prefix(kind))) {
                    throw Hj212Errors.missingDataTime(frame.cn());
                }
                result(entry.getKey(), kind, entry.getValue(), dataTime).ifPresent(results::add);
            }
        }
        if (results.isEmpty()) {
            throw Hj212Errors.missingField("calibration result (<code>-ZeroRef/-ZeroVal or <code>-SpanRef/-SpanVal)");
        }
        return results;
    }

    private static Optional<DecodedCalibration> result(
            String code, CalibrationKind kind, Map<String, Hj212Field> fields, String dataTime) throws DecodeException {
        String prefix = prefix(kind);
        Hj212Field reference = fields.get(prefix + "Ref");
        Hj212Field measured = fields.get(prefix + "Val");
        if (reference == null && measured == null) {
            return Optional.empty();
        }
        if (reference == null || measured == null) {
            throw Hj212Errors.missingField(code + "-" + prefix + (reference == null ? "Ref" : "Val"));
        }
        Instant time = Hj212Time.parse(Hj212Values.DATA_TIME, dataTime);
        Hj212Field fullScale = fields.get("FullScale");
        return Optional.of(new DecodedCalibration(
                code,
                kind.code(),
                time,
                Hj212Numbers.parse(reference),
                Hj212Numbers.parse(measured),
                fullScale == null ? null : Hj212Numbers.parse(fullScale),
                null,
                pass(fields.get(prefix + "Pass"))));
    }

    private static Boolean pass(Hj212Field field) throws DecodeException {
        if (field == null) {
            return null;
        }
        return switch (field.value()) {
            case "Y" -> Boolean.TRUE;
            case "N" -> Boolean.FALSE;
            default -> throw Hj212Errors.badField(field.key(), field.value(), "expected Y or N");
        };
    }

    private static boolean hasAny(Map<String, Hj212Field> fields, String prefix) {
        return fields.containsKey(prefix + "Ref") || fields.containsKey(prefix + "Val");
    }

    /** {@code Zero} or {@code Span}: the field-name prefix of a kind. */
    static String prefix(CalibrationKind kind) {
        return switch (kind) {
            case ZERO -> "Zero";
            case SPAN -> "Span";
            default -> throw new IllegalArgumentException("CN 3011 carries no " + kind.code() + " results");
        };
    }
}
