package org.urad.envmon.ingest.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ingest.security.*}: who may use the HTTP API. There is no default user: without {@code users}
 * (and outside the demo) every {@code /api/**} request is refused.
 *
 * @param users the API users; passwords as bcrypt hashes, tokens from the environment or secret files
 * @param demoUsers create {@code viewer}, {@code operator} and {@code admin} with generated passwords, printed
 *     once at startup; set by the demo (embedded services or the {@code demo} profile), never in production
 * @param publicHealth {@code /actuator/health} without credentials (for load balancers and probes)
 * @param publicPrometheus {@code /actuator/prometheus} without credentials (for a scraper on a private network)
 */
@ConfigurationProperties("ingest.security")
@Validated
public record ApiSecurityProperties(
        @DefaultValue List<@Valid User> users,
        @DefaultValue("false") boolean demoUsers,
        @DefaultValue("true") boolean publicHealth,
        @DefaultValue("false") boolean publicPrometheus) {

    /**
     * One API user. At least one of {@code password}, {@code token} and {@code tokenSha256} must be set.
     *
     * @param password a bcrypt hash ({@code $2a$…}, {@code $2b$…}, {@code $2y$…}, optionally {@code {bcrypt}}-prefixed);
     *     plain text is refused at startup
     * @param token a bearer token ({@code Authorization: Bearer …}); keep it in the environment or a secret file
     * @param tokenSha256 the hex SHA-256 of a bearer token, for configuration files that must not hold the token
     * @param enterprise for a plant user (the plant's staff or its contractor): the registry's enterprise
     *     name; such a user sees and marks only that enterprise's monitors' data marks ({@code /api/marks})
     */
    public record User(
            @NotBlank String name,
            @NotNull Role role,
            String password,
            String token,
            String tokenSha256,
            String enterprise) {

        @ConstructorBinding
        public User {}

        /** A user of the bureau (no enterprise). */
        public User(String name, Role role, String password, String token, String tokenSha256) {
            this(name, role, password, token, tokenSha256, null);
        }

        @Override
        public String toString() {
            return "User[name=%s, role=%s, enterprise=%s, password=%s, token=%s]"
                    .formatted(
                            name,
                            role,
                            enterprise,
                            password == null ? "none" : "****",
                            token == null && tokenSha256 == null ? "none" : "****");
        }
    }
}
