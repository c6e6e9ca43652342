package org.urad.envmon.ingest.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses, before any controller runs, a request parameter or path variable that holds a control
 * character (NUL included) or is longer than {@value #MAX_CHARS} characters: no valid value of this API
 * looks like that, and a NUL would otherwise reach PostgreSQL as a text parameter and fail there.
 */
final class RequestTextCheck implements HandlerInterceptor {

    /** Longest parameter or path variable; the longest valid value (a date range, an id) is far shorter. */
    static final int MAX_CHARS = 256;

    private static final int MAX_NAME_CHARS = 64;

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            checkName(p.getKey());
            for (String value : p.getValue()) {
                check("parameter", p.getKey(), value);
            }
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check("path variable", String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    private static void checkName(String name) {
        if (name.length() > MAX_NAME_CHARS) {
            throw refused("A parameter name is longer than " + MAX_NAME_CHARS + " characters.");
        }
        int bad = firstControl(name);
        if (bad >= 0) {
            throw refused("A parameter name holds a control character (U+%04X).".formatted(bad));
        }
    }

    private static void check(String kind, String name, String value) {
        if (value.length() > MAX_CHARS) {
            throw refused("The %s '%s' is longer than %d characters.".formatted(kind, name, MAX_CHARS));
        }
        int bad = firstControl(value);
        if (bad >= 0) {
            throw refused("The %s '%s' holds a control character (U+%04X).".formatted(kind, name, bad));
        }
    }

    /** The first C0 or C1 control character or DEL, or -1. */
    private static int firstControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return -1;
    }

    private static ResponseStatusException refused(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
