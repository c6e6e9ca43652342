package org.urad.envmon.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.urad.envmon.ingest.config.IngestProperties;

/** Verifies that configured users hold hashes only, and that no secret reaches a {@code toString}. */
class ApiUsersTests {

    private static final String HASH = new BCryptPasswordEncoder(4).encode("pw-for-test");
    private static final String TOKEN = "token-for-test-0123456789abcdef";

    @Test
    void refusesAPlainTextPassword() {
        assertThatThrownBy(() -> new ApiUsers(
                        List.of(new ApiSecurityProperties.User("alice", Role.ADMIN, "hunter2", null, null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a bcrypt hash")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void refusesAShortTokenAndAUserWithoutCredentials() {
        assertThatThrownBy(() ->
                        new ApiUsers(List.of(new ApiSecurityProperties.User("bot", Role.VIEWER, null, "short", null))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() ->
                        new ApiUsers(List.of(new ApiSecurityProperties.User("bot", Role.VIEWER, null, null, null))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void findsUsersByNameAndTokenWithTheRolesTheirRoleIncludes() {
        ApiUsers users = new ApiUsers(List.of(
                new ApiSecurityProperties.User("op", Role.OPERATOR, "{bcrypt}" + HASH, null, null),
                new ApiSecurityProperties.User("bot", Role.VIEWER, null, null, ApiUsers.sha256(TOKEN))));

        assertThat(users.loadUserByUsername("op").getAuthorities())
                .extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
        assertThat(users.byToken(TOKEN))
                .hasValueSatisfying(u -> assertThat(u.getUsername()).isEqualTo("bot"));
        assertThat(users.byToken(TOKEN + "x")).isEmpty();
    }

    @Test
    void secretsNeverAppearInToString() {
        var user = new ApiSecurityProperties.User("op", Role.OPERATOR, HASH, TOKEN, null);
        var tls = new IngestProperties.Tls(
                "/k.p12",
                "keypass-secret",
                "PKCS12",
                "/t.p12",
                "trustpass-secret",
                "PKCS12",
                IngestProperties.Tls.ClientAuth.NONE);
        var mqtt = new IngestProperties.Mqtt(
                "ssl://b:8883",
                "c",
                "svc",
                "mqtt-secret",
                "urad/v1",
                null,
                Duration.ofDays(1),
                10,
                Duration.ofSeconds(30),
                Duration.ofSeconds(30),
                tls);
        var security = new ApiSecurityProperties(List.of(user), false, true, false);

        for (String text : List.of(user.toString(), tls.toString(), mqtt.toString(), security.toString())) {
            assertThat(text).doesNotContain(HASH, TOKEN, "keypass-secret", "trustpass-secret", "mqtt-secret");
        }
    }
}
