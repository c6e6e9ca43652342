package org.urad.envmon.ingest.api;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One way to say no over HTTP: every API error is an RFC 9457 problem detail. Spring MVC's own refusals
 * (missing or mistyped parameter, unknown path, wrong method, {@code ResponseStatusException}, …) get
 * theirs from {@link ResponseEntityExceptionHandler}; this adds the security chain's refusals (handed
 * over by its entry point and access-denied handler), text the database cannot hold, and everything
 * unexpected, which is logged and answered without its message.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** SQLSTATEs of text PostgreSQL cannot store: a NUL or an invalid byte sequence, untranslatable characters. */
    private static final Set<String> TEXT_REFUSED = Set.of("22021", "22P05");

    static final String INTERNAL_DETAIL = "An internal error occurred; it has been logged.";

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return problem(
                HttpStatus.UNAUTHORIZED,
                "Authentication is required: HTTP basic, or Authorization: Bearer with a known token.");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "The authenticated user's role does not allow this request.");
    }

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e, HttpServletRequest request) {
        String state = sqlState(e);
        if (state != null && TEXT_REFUSED.contains(state)) {
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "The request holds text the database cannot store (a NUL or an invalid character).");
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unexpected failure answering {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_DETAIL);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
