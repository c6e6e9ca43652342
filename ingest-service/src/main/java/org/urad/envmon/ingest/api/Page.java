package org.urad.envmon.ingest.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list endpoint, {@code {"items": [...], "nextCursor": "..."}}; {@code nextCursor} is null on
 * the last page. Every list endpoint takes {@code limit} (default {@value #DEFAULT_LIMIT_TEXT}, at most
 * {@value #MAX_LIMIT}; larger values are cut to it) and {@code cursor} (the previous page's
 * {@code nextCursor}). Endpoints fetch {@code limit + 1} rows in their order, after the cursor's key; the
 * extra row, if any, only says that there is a next page.
 */
public record Page<T>(List<T> items, String nextCursor) {

    /** The default {@code limit}, as annotations need it. */
    public static final String DEFAULT_LIMIT_TEXT = "100";

    public static final int MAX_LIMIT = 1000;

    public Page {
        items = List.copyOf(items);
    }

    /** The requested limit, within 1 and {@value #MAX_LIMIT}. */
    public static int limit(int requested) {
        return Math.max(1, Math.min(requested, MAX_LIMIT));
    }

    /**
     * The page of {@code rows} (up to {@code limit + 1} of them, in order): the first {@code limit}, and a
     * cursor at the last of those when there were more.
     */
    public static <T> Page<T> of(List<T> rows, int limit, Function<? super T, Cursor> keyOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(items, keyOf.apply(items.get(limit - 1)).encode());
    }
}
