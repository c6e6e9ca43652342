package org.urad.envmon.ingest.decode.json;

import static org.urad.envmon.ingest.reading.RejectReason.MALFORMED_PAYLOAD;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.urad.envmon.ingest.decode.DecodeException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A JSON value read with Jackson's streaming parser into just what the payload decoder asks of it:
 * objects keep their properties in arrival order in two small arrays, scalars their value. It costs a
 * fraction of Jackson's tree (no map per object, no data binding) and is as strict: a property name
 * given twice in any object is refused, as Jackson's {@code STRICT_DUPLICATE_DETECTION} refuses it.
 */
final class JsonValue {

    /** Objects up to this many properties look for a repeated name by comparing; larger ones keep a set. */
    private static final int SCAN_NAMES = 8;

    private final JsonToken token;
    private final String text;
    private final double number;
    private final long integer;
    private final boolean fitsLong;
    private String[] names;
    private JsonValue[] children;
    private int size;
    private Set<String> nameSet;

    private JsonValue(JsonToken token, String text, double number, long integer, boolean fitsLong) {
        this.token = token;
        this.text = text;
        this.number = number;
        this.integer = integer;
        this.fitsLong = fitsLong;
    }

    /** Reads the value that starts at the parser's current token, up to and including its last token. */
    static JsonValue read(JsonParser p) throws DecodeException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                JsonValue object = new JsonValue(t, null, 0, 0, false);
                object.names = new String[4];
                for (String name = p.nextName(); name != null; name = p.nextName()) {
                    object.checkNew(name);
                    p.nextToken();
                    object.add(name, read(p));
                }
                return object;
            }
            case START_ARRAY -> {
                JsonValue array = new JsonValue(t, null, 0, 0, false);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(null, read(p));
                }
                return array;
            }
            case VALUE_STRING -> {
                return new JsonValue(t, p.getString(), 0, 0, false);
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    return new JsonValue(t, p.getString(), p.getDoubleValue(), 0, false);
                }
                long value = p.getLongValue();
                return new JsonValue(t, null, value, value, true);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new JsonValue(t, null, p.getDoubleValue(), 0, false);
            }
            case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> {
                return new JsonValue(t, null, 0, 0, false);
            }
            default -> throw new IllegalStateException("unexpected " + t + " at the start of a JSON value");
        }
    }

    private void checkNew(String name) throws DecodeException {
        boolean repeated;
        if (nameSet != null) {
            repeated = !nameSet.add(name);
        } else {
            repeated = false;
            for (int i = 0; i < size && !repeated; i++) {
                repeated = names[i].equals(name);
            }
            if (!repeated && size >= SCAN_NAMES) {
                nameSet = new HashSet<>(Arrays.asList(names).subList(0, size));
                nameSet.add(name);
            }
        }
        if (repeated) {
            throw new DecodeException(MALFORMED_PAYLOAD, "not valid JSON: Duplicate Object property \"" + name + "\"");
        }
    }

    private void add(String name, JsonValue value) {
        if (children == null) {
            children = new JsonValue[4];
        } else if (size == children.length) {
            children = Arrays.copyOf(children, size * 2);
        }
        if (names != null) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
            }
            names[size] = name;
        }
        children[size++] = value;
    }

    boolean isObject() {
        return token == JsonToken.START_OBJECT;
    }

    boolean isArray() {
        return token == JsonToken.START_ARRAY;
    }

    boolean isNull() {
        return token == JsonToken.VALUE_NULL;
    }

    boolean isString() {
        return token == JsonToken.VALUE_STRING;
    }

    boolean isNumber() {
        return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
    }

    boolean isIntegralNumber() {
        return token == JsonToken.VALUE_NUMBER_INT;
    }

    boolean isBoolean() {
        return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
    }

    /** Whether this is an integer within {@code long}'s range. */
    boolean canConvertToLong() {
        return fitsLong;
    }

    String stringValue() {
        return text;
    }

    long longValue() {
        return integer;
    }

    double doubleValue() {
        return number;
    }

    boolean booleanValue() {
        return token == JsonToken.VALUE_TRUE;
    }

    /** Elements of an array, properties of an object. */
    int size() {
        return size;
    }

    /** The array element at {@code index}, or the value of the object's {@code index}th property. */
    JsonValue get(int index) {
        return children[index];
    }

    /** The name of the object's {@code index}th property, in arrival order. */
    String name(int index) {
        return names[index];
    }

    /** The value of an object's property, or null when it has none of that name (or is no object). */
    JsonValue get(String name) {
        if (names == null) {
            return null;
        }
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return children[i];
            }
        }
        return null;
    }

    /** The value as it would appear in a message: numbers and literals as written, strings quoted. */
    @Override
    public String toString() {
        return switch (token) {
            case VALUE_STRING -> "\"" + text + "\"";
            case VALUE_NUMBER_INT -> fitsLong ? Long.toString(integer) : text;
            case VALUE_NUMBER_FLOAT -> Double.toString(number);
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            default -> token.asString();
        };
    }
}
