package org.urad.envmon.ingest.decode.hj212;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.urad.envmon.ingest.decode.DecodeException;

/**
 * Parses and formats a data segment: {@code QN=..;ST=..;CN=..;PW=..;MN=..;Flag=..;[PNUM=..;PNO=..;]CP=&&..&&}.
 *
 * <p>Header fields may come in any order; unknown header fields are ignored. Inside CP, {@code ;}
 * separates items, {@code ,} the fields of one item and the first {@code =} splits key and value;
 * empty items (a trailing {@code ;}) are skipped. Keys and values of CP fields, many per frame, are
 * checked by scanning their characters; the few header fields by their patterns.
 */
final class Hj212Segment {

    private static final String CP_OPEN = "CP=&&";
    private static final String CP_CLOSE = "&&";
    private static final Pattern QN = Pattern.compile("\\d{1,20}");
    private static final Pattern ST = Pattern.compile("[0-9A-Za-z]{1,5}");
    private static final Pattern CN = Pattern.compile("\\d{4}");
    private static final Pattern PW = Pattern.compile("[^;]{0,32}");
    private static final Pattern MN = Pattern.compile("[0-9A-Za-z_.-]{1,24}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");
    private static final int MAX_KEY = 64;

    private Hj212Segment() {}

    static Hj212Frame parse(String segment) throws DecodeException {
        int open = segment.indexOf(CP_OPEN);
        if (open < 0) {
            throw Hj212Errors.missingField("CP=&&…&&");
        }
        int close = segment.length() - CP_CLOSE.length();
        if (close < open + CP_OPEN.length() || !segment.endsWith(CP_CLOSE)) {
            throw Hj212Errors.badSyntax("CP does not end with && at the end of the data segment");
        }
        Map<String, String> head = header(segment.substring(0, open));
        List<List<Hj212Field>> cp = items(segment.substring(open + CP_OPEN.length(), close));
        Integer flag = optionalNumber(head, "Flag", 255);
        Integer pnum = optionalNumber(head, "PNUM", 9999);
        Integer pno = optionalNumber(head, "PNO", 9999);
        if (flag != null && (flag & Hj212Frame.FLAG_SPLIT) != 0) {
            if (pnum == null || pno == null) {
                throw Hj212Errors.missingField(pnum == null ? "PNUM (Flag says the message is split)" : "PNO");
            }
            if (pnum < 1 || pno < 1 || pno > pnum) {
                throw Hj212Errors.badField("PNO", pno + " of " + pnum, "packet number out of range");
            }
        }
        return new Hj212Frame(
                optional(head, "QN", QN),
                required(head, "ST", ST),
                required(head, "CN", CN),
                optional(head, "PW", PW),
                required(head, "MN", MN),
                flag,
                pnum,
                pno,
                cp);
    }

    static String format(Hj212Frame frame) {
        StringBuilder out = new StringBuilder(128);
        append(out, "QN", frame.qn());
        append(out, "ST", frame.st());
        append(out, "CN", frame.cn());
        append(out, "PW", frame.pw());
        append(out, "MN", frame.mn());
        append(out, "Flag", frame.flag());
        append(out, "PNUM", frame.pnum());
        append(out, "PNO", frame.pno());
        out.append(CP_OPEN);
        out.append(frame.cp().stream()
                .map(item -> item.stream().map(Hj212Segment::formatField).collect(Collectors.joining(",")))
                .collect(Collectors.joining(";")));
        return out.append(CP_CLOSE).toString();
    }

    private static Map<String, String> header(String text) throws DecodeException {
        Map<String, String> fields = new HashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        if (!text.endsWith(";")) {
            throw Hj212Errors.badSyntax("header does not end with ; before CP");
        }
        for (String part : text.substring(0, text.length() - 1).split(";", -1)) {
            Hj212Field field = field(part);
            if (fields.putIfAbsent(field.key(), field.value()) != null) {
                throw Hj212Errors.badField(field.key(), field.value(), "given twice");
            }
        }
        return fields;
    }

    private static List<List<Hj212Field>> items(String body) throws DecodeException {
        List<List<Hj212Field>> items = new ArrayList<>();
        for (String itemText : body.split(";", -1)) {
            if (itemText.isEmpty()) {
                continue;
            }
            List<Hj212Field> item = new ArrayList<>();
            for (String fieldText : itemText.split(",", -1)) {
                item.add(field(fieldText));
            }
            items.add(item);
        }
        return items;
    }

    private static Hj212Field field(String text) throws DecodeException {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw Hj212Errors.badSyntax("field " + Hj212Errors.quote(text) + " has no =");
        }
        String key = text.substring(0, eq);
        if (!isKey(key)) {
            throw Hj212Errors.badSyntax("field key " + Hj212Errors.quote(key) + " is not a valid name");
        }
        String value = text.substring(eq + 1);
        if (hasSeparator(value)) {
            throw Hj212Errors.badField(key, value, "value contains a separator (; , = &)");
        }
        return new Hj212Field(key, value);
    }

    private static String required(Map<String, String> head, String key, Pattern pattern) throws DecodeException {
        String value = optional(head, key, pattern);
        if (value == null) {
            throw Hj212Errors.missingField(key);
        }
        return value;
    }

    private static String optional(Map<String, String> head, String key, Pattern pattern) throws DecodeException {
        String value = head.get(key);
        if (value != null && !pattern.matcher(value).matches()) {
            throw Hj212Errors.badField(key, value, "does not match " + pattern.pattern());
        }
        return value;
    }

    private static Integer optionalNumber(Map<String, String> head, String key, int max) throws DecodeException {
        String value = optional(head, key, NUMBER);
        if (value == null) {
            return null;
        }
        int number = Integer.parseInt(value);
        if (number > max) {
            throw Hj212Errors.badField(key, value, "above " + max);
        }
        return number;
    }

    private static void append(StringBuilder out, String key, Object value) {
        if (value != null) {
            String text = value.toString();
            if (hasSeparator(text)) {
                throw new IllegalArgumentException(key + "=" + text + " cannot be written");
            }
            out.append(key).append('=').append(text).append(';');
        }
    }

    private static String formatField(Hj212Field field) {
        if (!isKey(field.key()) || hasSeparator(field.value())) {
            throw new IllegalArgumentException("CP field " + field + " cannot be written");
        }
        return field.key() + "=" + field.value();
    }

    /** {@code [0-9A-Za-z_.-]{1,64}}. */
    private static boolean isKey(String key) {
        if (key.isEmpty() || key.length() > MAX_KEY) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean allowed = (c >= '0' && c <= '9')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} holds one of {@code ; , = &}. */
    static boolean hasSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ';' || c == ',' || c == '=' || c == '&') {
                return true;
            }
        }
        return false;
    }
}
