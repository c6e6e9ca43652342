package org.urad.envmon.ingest.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page ({@code /error}) as a problem detail, in place of Spring Boot's:
 * what a filter refused with {@code sendError} (the security firewall) or an exception thrown outside
 * Spring MVC. The detail never carries an exception's message.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        problem.setInstance(instance(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The path that failed (as sent, still encoded), if it is a valid URI reference. */
    private static URI instance(Object path) {
        try {
            return path instanceof String p ? new URI(p) : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String detail(HttpStatus status) {
        if (status.is5xxServerError()) {
            return ApiProblems.INTERNAL_DETAIL;
        }
        return switch (status) {
            case BAD_REQUEST -> "The request was refused: its URL or headers hold something that is not allowed.";
            case NOT_FOUND -> "No such resource.";
            default -> "The request was refused: " + status.getReasonPhrase() + ".";
        };
    }
}
