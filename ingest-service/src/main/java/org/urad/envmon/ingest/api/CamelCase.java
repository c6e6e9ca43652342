package org.urad.envmon.ingest.api;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's property names are camelCase: rows read by column name ({@code opened_at}) and JSON kept in the
 * database ({@code evidence}) are renamed at the edge ({@code openedAt}), timestamps become {@code Instant}s
 * (ISO-8601 in JSON) and {@code json}/{@code jsonb} columns become objects rather than strings.
 */
public final class CamelCase {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CamelCase() {}

    /** {@code last_seen_at} → {@code lastSeenAt}; a name without an underscore is returned as it is. */
    public static String name(String snake) {
        if (snake.indexOf('_') < 0) {
            return snake;
        }
        StringBuilder camel = new StringBuilder(snake.length());
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = camel.length() > 0;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    /** The value with every map key renamed, through nested maps and lists; timestamps as instants. */
    public static Object keys(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> renamed = new LinkedHashMap<>();
            map.forEach((k, v) -> renamed.put(name(String.valueOf(k)), keys(v)));
            return renamed;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CamelCase::keys).toList();
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        return value;
    }

    /** {@link #keys} of one map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, ?> map) {
        return (Map<String, Object>) keys(map);
    }

    /** A row as a map of camelCase names; {@code json} and {@code jsonb} columns parsed. */
    public static RowMapper<Map<String, Object>> rows() {
        return CamelCase::row;
    }

    private static Map<String, Object> row(ResultSet rs, int rowNum) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String type = meta.getColumnTypeName(i);
            Object value;
            if ("json".equals(type) || "jsonb".equals(type)) {
                String text = rs.getString(i);
                value = text == null ? null : keys(JSON.readValue(text, Object.class));
            } else if (rs.getObject(i) instanceof java.sql.Array array) {
                value = keys(List.of((Object[]) array.getArray()));
            } else {
                value = keys(rs.getObject(i));
            }
            row.put(name(meta.getColumnLabel(i)), value);
        }
        return row;
    }
}
