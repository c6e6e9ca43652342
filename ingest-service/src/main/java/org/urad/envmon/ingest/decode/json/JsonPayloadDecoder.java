package org.urad.envmon.ingest.decode.json;

import static org.urad.envmon.ingest.reading.RejectReason.MALFORMED_PAYLOAD;
import static org.urad.envmon.ingest.reading.RejectReason.MISSING_FIELD;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Decodes payload v1 ({@code schema/payload/payload-v1.schema.json}). Pure and thread-safe. */
public final class JsonPayloadDecoder implements PayloadDecoder {

    public static final String FORMAT = "json";

    private static final Set<String> TOP_LEVEL = Set.of("v", "device", "seq", "time", "readings", "calibrations");
    private static final Set<String> READING_FIELDS =
            Set.of("param", "value", "unit", "flag", "time", "period", "stat");
    private static final Set<String> CALIBRATION_FIELDS =
            Set.of("param", "kind", "time", "reference", "measured", "fullScale", "unit", "pass");

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public DecodedMessage decode(byte[] payload) throws DecodeException {
        JsonNode root;
        try {
            root = mapper.readTree(payload);
        } catch (JacksonException e) {
            throw new DecodeException(MALFORMED_PAYLOAD, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException(MALFORMED_PAYLOAD, "payload must be a JSON object");
        }
        checkFields(root, TOP_LEVEL, "message");
        JsonNode version = root.get("v");
        if (version != null && (!version.isIntegralNumber() || version.longValue() != 1)) {
            throw new DecodeException(MALFORMED_PAYLOAD, "unsupported payload version " + version);
        }
        String device = optionalString(root, "device", "message");
        Long seq = optionalLong(root, "seq");
        Instant defaultTime = optionalTime(root, "time", "message");

        List<DecodedValue> values = readings(root.get("readings"), defaultTime);
        List<DecodedCalibration> calibrations = calibrations(root.get("calibrations"), defaultTime);
        if (values.isEmpty() && calibrations.isEmpty()) {
            throw new DecodeException(MISSING_FIELD, "message has no readings and no calibrations");
        }
        return new DecodedMessage(device, false, null, seq, values, calibrations, false, null);
    }

    private List<DecodedValue> readings(JsonNode array, Instant defaultTime) throws DecodeException {
        if (array == null) {
            return List.of();
        }
        requireArray(array, "readings");
        List<DecodedValue> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode r = array.get(i);
            String where = "readings[" + i + "]";
            requireObject(r, where);
            checkFields(r, READING_FIELDS, where);
            Period period = code(r, "period", where, Period.REALTIME, Period::fromCode);
            Statistic stat = code(r, "stat", where, Statistic.VALUE, Statistic::fromCode);
            values.add(new DecodedValue(
                    requiredString(r, "param", where),
                    timeOf(r, where, defaultTime),
                    period,
                    stat,
                    requiredNumber(r, "value", where),
                    optionalString(r, "unit", where),
                    optionalString(r, "flag", where)));
        }
        return values;
    }

    private List<DecodedCalibration> calibrations(JsonNode array, Instant defaultTime) throws DecodeException {
        if (array == null) {
            return List.of();
        }
        requireArray(array, "calibrations");
        List<DecodedCalibration> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode c = array.get(i);
            String where = "calibrations[" + i + "]";
            requireObject(c, where);
            checkFields(c, CALIBRATION_FIELDS, where);
            JsonNode fullScale = c.get("fullScale");
            JsonNode pass = c.get("pass");
            if (pass != null && !pass.isBoolean()) {
                throw new DecodeException(MALFORMED_PAYLOAD, where + ".pass must be true or false");
            }
            result.add(new DecodedCalibration(
                    requiredString(c, "param", where),
                    requiredString(c, "kind", where),
                    timeOf(c, where, defaultTime),
                    requiredNumber(c, "reference", where),
                    requiredNumber(c, "measured", where),
                    fullScale == null ? null : requiredNumber(c, "fullScale", where),
                    optionalString(c, "unit", where),
                    pass == null ? null : pass.booleanValue()));
        }
        return result;
    }

    private interface CodeParser<T> {
        java.util.Optional<T> parse(String code);
    }

    private static <T> T code(JsonNode node, String field, String where, T fallback, CodeParser<T> parser)
            throws DecodeException {
        String text = optionalString(node, field, where);
        if (text == null) {
            return fallback;
        }
        return parser.parse(text)
                .orElseThrow(
                        () -> new DecodeException(MALFORMED_PAYLOAD, where + "." + field + " '" + text + "' unknown"));
    }

    private static Instant timeOf(JsonNode node, String where, Instant defaultTime) throws DecodeException {
        Instant time = optionalTime(node, "time", where);
        if (time == null) {
            time = defaultTime;
        }
        if (time == null) {
            throw new DecodeException(MISSING_FIELD, where + " has no time and the message has no default time");
        }
        return time;
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) throws DecodeException {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (!allowed.contains(e.getKey())) {
                throw new DecodeException(MALFORMED_PAYLOAD, where + " has unknown field '" + e.getKey() + "'");
            }
        }
    }

    private static void requireArray(JsonNode node, String where) throws DecodeException {
        if (!node.isArray()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + " must be an array");
        }
    }

    private static void requireObject(JsonNode node, String where) throws DecodeException {
        if (node == null || !node.isObject()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + " must be an object");
        }
    }

    private static String requiredString(JsonNode node, String field, String where) throws DecodeException {
        String value = optionalString(node, field, where);
        if (value == null || value.isBlank()) {
            throw new DecodeException(MISSING_FIELD, where + "." + field + " is required");
        }
        return value;
    }

    private static String optionalString(JsonNode node, String field, String where) throws DecodeException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + "." + field + " must be a string");
        }
        return value.stringValue();
    }

    private static double requiredNumber(JsonNode node, String field, String where) throws DecodeException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new DecodeException(MISSING_FIELD, where + "." + field + " is required");
        }
        if (!value.isNumber()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + "." + field + " must be a number");
        }
        double d = value.doubleValue();
        if (!Double.isFinite(d)) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + "." + field + " must be finite");
        }
        return d;
    }

    private static Long optionalLong(JsonNode node, String field) throws DecodeException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new DecodeException(MALFORMED_PAYLOAD, field + " must be a non-negative integer");
        }
        return value.longValue();
    }

    private static Instant optionalTime(JsonNode node, String field, String where) throws DecodeException {
        String text = optionalString(node, field, where);
        if (text == null) {
            return null;
        }
        return Timestamps.parse(text)
                .orElseThrow(() -> new DecodeException(
                        MALFORMED_PAYLOAD,
                        where + "." + field + " '" + text + "' is not an ISO 8601 time with offset"));
    }
}
