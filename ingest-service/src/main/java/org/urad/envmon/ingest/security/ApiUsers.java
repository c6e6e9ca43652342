package org.urad.envmon.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The configured API users, checked once at startup: every password is a bcrypt hash, names and
 * tokens are unique. Looks users up by name (HTTP basic) and by the SHA-256 of a bearer token.
 */
final class ApiUsers implements UserDetailsService {

    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
    private static final String NO_PASSWORD = "{noop-disabled}";

    private final Map<String, UserDetails> byName = new HashMap<>();
    private final Map<String, UserDetails> byTokenHash = new HashMap<>();

    ApiUsers(List<ApiSecurityProperties.User> users) {
        for (ApiSecurityProperties.User u : users) {
            UserDetails details = User.withUsername(u.name())
                    .password(passwordHash(u))
                    .authorities(PlantScope.authorities(u.role(), u.enterprise()))
                    .build();
            if (byName.put(u.name(), details) != null) {
                throw new IllegalStateException("ingest.security.users: user '" + u.name() + "' is listed twice");
            }
            for (String hash : tokenHashes(u)) {
                if (byTokenHash.put(hash, details) != null) {
                    throw new IllegalStateException("ingest.security.users: two users share a token");
                }
            }
        }
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        UserDetails user = byName.get(username);
        if (user == null) {
            throw new UsernameNotFoundException("no such API user");
        }
        return User.withUserDetails(user).build(); // a copy: the filter chain erases credentials
    }

    Optional<UserDetails> byToken(String token) {
        return Optional.ofNullable(byTokenHash.get(sha256(token)));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isBcrypt(String hash) {
        return BCRYPT.matcher(hash).matches();
    }

    private static String passwordHash(ApiSecurityProperties.User u) {
        if (u.password() == null || u.password().isBlank()) {
            if (u.token() == null && u.tokenSha256() == null) {
                throw new IllegalStateException(
                        "ingest.security.users: user '" + u.name() + "' has neither a password nor a token");
            }
            return NO_PASSWORD; // token only: no password matches
        }
        String hash = u.password().strip();
        if (hash.startsWith("{bcrypt}")) {
            hash = hash.substring("{bcrypt}".length());
        }
        if (!isBcrypt(hash)) {
            throw new IllegalStateException("ingest.security.users: the password of '" + u.name()
                    + "' is not a bcrypt hash; store hashes only (see docs/security.md)");
        }
        return hash;
    }

    private static List<String> tokenHashes(ApiSecurityProperties.User u) {
        List<String> hashes = new java.util.ArrayList<>();
        if (u.token() != null && !u.token().isBlank()) {
            if (u.token().strip().length() < 24) {
                throw new IllegalStateException(
                        "ingest.security.users: the token of '" + u.name() + "' is shorter than 24 characters");
            }
            hashes.add(sha256(u.token().strip()));
        }
        if (u.tokenSha256() != null && !u.tokenSha256().isBlank()) {
            hashes.add(u.tokenSha256().strip().toLowerCase(Locale.ROOT));
        }
        return hashes;
    }
}
