package org.urad.envmon.ingest.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * The demo's users: {@code viewer}, {@code operator} and {@code admin}, each with a password generated at
 * startup and shown once on the console, never stored or committed.
 */
final class DemoUsers {

    private static final SecureRandom RANDOM = new SecureRandom();

    record Generated(List<ApiSecurityProperties.User> users, String banner) {}

    private DemoUsers() {}

    static Generated create(Function<String, String> hasher) {
        StringBuilder banner = new StringBuilder()
                .append("\n================ Demo API users (generated for this run only) ================\n");
        List<ApiSecurityProperties.User> users = new java.util.ArrayList<>();
        for (Role role : Role.values()) {
            String password = password();
            users.add(new ApiSecurityProperties.User(role.code(), role, hasher.apply(password), null, null));
            banner.append("  %-9s password %s%n".formatted(role.code(), password));
        }
        banner.append("  e.g. curl -u viewer:<password> <HTTP URL below>/api/devices\n")
                .append("  Demo only: configure ingest.security.users for any real deployment.\n")
                .append("===============================================================================\n");
        return new Generated(List.copyOf(users), banner.toString());
    }

    static String password() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
