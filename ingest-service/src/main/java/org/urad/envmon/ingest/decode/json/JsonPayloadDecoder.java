package org.urad.envmon.ingest.decode.json;

import static org.urad.envmon.ingest.reading.RejectReason.MALFORMED_PAYLOAD;
import static org.urad.envmon.ingest.reading.RejectReason.MISSING_FIELD;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.urad.envmon.ingest.decode.DecodeException;
import org.urad.envmon.ingest.decode.DecodedCalibration;
import org.urad.envmon.ingest.decode.DecodedMessage;
import org.urad.envmon.ingest.decode.DecodedValue;
import org.urad.envmon.ingest.decode.PayloadDecoder;
import org.urad.envmon.ingest.reading.Period;
import org.urad.envmon.ingest.reading.Statistic;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Decodes payload v1 ({@code schema/payload/payload-v1.schema.json}). Pure and thread-safe. The payload
 * is read in one pass of the streaming parser into {@link JsonValue}s (it runs for every message),
 * then checked field by field.
 */
public final class JsonPayloadDecoder implements PayloadDecoder {

    public static final String FORMAT = "json";

    private static final Set<String> TOP_LEVEL = Set.of("v", "device", "seq", "time", "readings", "calibrations");
    private static final Set<String> READING_FIELDS =
            Set.of("param", "value", "unit", "flag", "time", "period", "stat");
    private static final Set<String> CALIBRATION_FIELDS =
            Set.of("param", "kind", "time", "reference", "measured", "fullScale", "unit", "pass");

    private final JsonFactory json = JsonFactory.builder().build();

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public DecodedMessage decode(byte[] payload) throws DecodeException {
        JsonValue root = read(payload);
        if (root == null || !root.isObject()) {
            throw new DecodeException(MALFORMED_PAYLOAD, "payload must be a JSON object");
        }
        checkFields(root, TOP_LEVEL, "message");
        JsonValue version = root.get("v");
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

    /**
     * The whole payload as one value (null when empty); any syntax error, or content after it, refuses it.
     * The bytes must be UTF-8 (RFC 8259 §8.1), checked before parsing: the parser's property-name
     * cache matches a name by its raw bytes, so a malformed byte in a name can be taken for a name seen
     * before ({@code "\xFFseq"} read as {@code "seq"}) instead of being refused.
     */
    private JsonValue read(byte[] payload) throws DecodeException {
        requireUtf8(payload);
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), payload)) {
            if (p.nextToken() == null) {
                return null;
            }
            JsonValue root = JsonValue.read(p);
            if (p.nextToken() != null) {
                throw new DecodeException(MALFORMED_PAYLOAD, "not valid JSON: content after the top-level value");
            }
            return root;
        } catch (JacksonException e) {
            throw new DecodeException(MALFORMED_PAYLOAD, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static void requireUtf8(byte[] payload) throws DecodeException {
        for (byte b : payload) {
            if (b < 0) {
                try {
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(payload));
                } catch (CharacterCodingException e) {
                    throw new DecodeException(
                            MALFORMED_PAYLOAD, "not valid JSON: the payload is not UTF-8 (" + e + ")");
                }
                return;
            }
        }
    }

    private List<DecodedValue> readings(JsonValue array, Instant defaultTime) throws DecodeException {
        if (array == null) {
            return List.of();
        }
        requireArray(array, "readings");
        List<DecodedValue> values = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue r = array.get(i);
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

    private List<DecodedCalibration> calibrations(JsonValue array, Instant defaultTime) throws DecodeException {
        if (array == null) {
            return List.of();
        }
        requireArray(array, "calibrations");
        List<DecodedCalibration> result = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonValue c = array.get(i);
            String where = "calibrations[" + i + "]";
            requireObject(c, where);
            checkFields(c, CALIBRATION_FIELDS, where);
            JsonValue fullScale = c.get("fullScale");
            JsonValue pass = c.get("pass");
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

    private static <T> T code(JsonValue node, String field, String where, T fallback, CodeParser<T> parser)
            throws DecodeException {
        String text = optionalString(node, field, where);
        if (text == null) {
            return fallback;
        }
        return parser.parse(text)
                .orElseThrow(
                        () -> new DecodeException(MALFORMED_PAYLOAD, where + "." + field + " '" + text + "' unknown"));
    }

    private static Instant timeOf(JsonValue node, String where, Instant defaultTime) throws DecodeException {
        Instant time = optionalTime(node, "time", where);
        if (time == null) {
            time = defaultTime;
        }
        if (time == null) {
            throw new DecodeException(MISSING_FIELD, where + " has no time and the message has no default time");
        }
        return time;
    }

    private static void checkFields(JsonValue node, Set<String> allowed, String where) throws DecodeException {
        for (int i = 0; i < node.size(); i++) {
            if (!allowed.contains(node.name(i))) {
                throw new DecodeException(MALFORMED_PAYLOAD, where + " has unknown field '" + node.name(i) + "'");
            }
        }
    }

    private static void requireArray(JsonValue node, String where) throws DecodeException {
        if (!node.isArray()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + " must be an array");
        }
    }

    private static void requireObject(JsonValue node, String where) throws DecodeException {
        if (node == null || !node.isObject()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + " must be an object");
        }
    }

    private static String requiredString(JsonValue node, String field, String where) throws DecodeException {
        String value = optionalString(node, field, where);
        if (value == null || value.isBlank()) {
            throw new DecodeException(MISSING_FIELD, where + "." + field + " is required");
        }
        return value;
    }

    private static String optionalString(JsonValue node, String field, String where) throws DecodeException {
        JsonValue value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new DecodeException(MALFORMED_PAYLOAD, where + "." + field + " must be a string");
        }
        return value.stringValue();
    }

    private static double requiredNumber(JsonValue node, String field, String where) throws DecodeException {
        JsonValue value = node.get(field);
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

    private static Long optionalLong(JsonValue node, String field) throws DecodeException {
        JsonValue value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new DecodeException(MALFORMED_PAYLOAD, field + " must be a non-negative integer");
        }
        return value.longValue();
    }

    private static Instant optionalTime(JsonValue node, String field, String where) throws DecodeException {
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
