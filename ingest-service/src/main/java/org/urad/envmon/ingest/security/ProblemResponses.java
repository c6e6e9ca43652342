package org.urad.envmon.ingest.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The security chain's 401 and 403, answered by the same exception handlers as every other API error
 * (Spring MVC's resolver, so a problem detail). A 401 keeps its {@code WWW-Authenticate: Basic} challenge.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final String challenge;
    private final HandlerExceptionResolver resolver;

    ProblemResponses(String realm, HandlerExceptionResolver resolver) {
        this.challenge = "Basic realm=\"" + realm + "\"";
        this.resolver = resolver;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        resolve(request, response, e, HttpServletResponse.SC_UNAUTHORIZED);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        resolve(request, response, e, HttpServletResponse.SC_FORBIDDEN);
    }

    private void resolve(HttpServletRequest request, HttpServletResponse response, Exception e, int status)
            throws IOException {
        if (resolver.resolveException(request, response, null, e) == null) {
            response.sendError(status);
        }
    }
}
