package org.urad.envmon.ingest.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a page ended: the sort key of its last row (for example its time and id), handed to the client as
 * an opaque string (base64url of a JSON array) and given back as {@code ?cursor=} for the next page. The
 * next page holds only rows that sort after this key, so rows inserted meanwhile never repeat one already
 * seen. A cursor is only ever read by the endpoint that made it; what it holds is not part of the API.
 */
public record Cursor(List<String> key) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public Cursor {
        key = List.copyOf(key);
    }

    /** A cursor of these key parts, each kept as its string form (an {@link Instant} as ISO-8601). */
    public static Cursor of(Object... parts) {
        List<String> key = new ArrayList<>(parts.length);
        for (Object part : parts) {
            key.add(String.valueOf(part));
        }
        return new Cursor(key);
    }

    /** The opaque form sent to clients. */
    public String encode() {
        byte[] json = JSON.writeValueAsBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
    }

    /**
     * The cursor a client sent back, or empty when it sent none; a 400 problem when it is not a cursor with
     * {@code parts} key parts (made up, cut short, or from another endpoint).
     */
    public static Optional<Cursor> decode(String text, int parts) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(text.strip());
            List<?> key = JSON.readValue(new String(json, StandardCharsets.UTF_8), List.class);
            if (key.size() != parts || key.stream().anyMatch(p -> !(p instanceof String))) {
                throw invalid();
            }
            return Optional.of(new Cursor(key.stream().map(String.class::cast).toList()));
        } catch (IllegalArgumentException | JacksonException e) {
            throw invalid();
        }
    }

    public String text(int part) {
        return key.get(part);
    }

    public Instant instant(int part) {
        try {
            return Instant.parse(key.get(part));
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    public long number(int part) {
        try {
            return Long.parseLong(key.get(part));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ResponseStatusException invalid() {
        return new ResponseStatusException(
                HttpStatus.BAD_REQUEST, "\"cursor\" is not one this endpoint gave: start again without it.");
    }
}
