package org.urad.envmon.ingest.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Plant users: API users bound to one enterprise of the registry (the plant's staff or its operations
 * contractor). The binding travels as an authority beside the user's roles; features that hold per-plant
 * data (data marks) narrow what such a user sees to that enterprise. Without authentication (tests of a
 * controller alone) nobody is scoped.
 */
public final class PlantScope {

    private static final String PREFIX = "ENTERPRISE:";

    private PlantScope() {}

    static List<GrantedAuthority> authorities(Role role, String enterprise) {
        List<GrantedAuthority> out = new ArrayList<>();
        role.grantedRoles().forEach(r -> out.add(new SimpleGrantedAuthority("ROLE_" + r)));
        if (enterprise != null && !enterprise.isBlank()) {
            out.add(new SimpleGrantedAuthority(PREFIX + enterprise.strip()));
        }
        return out;
    }

    /** The enterprise the authenticated user is bound to, or empty for bureau users. */
    public static Optional<String> enterprise() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null) {
            return Optional.empty();
        }
        return auth.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(PREFIX))
                .map(a -> a.substring(PREFIX.length()))
                .findFirst();
    }

    /** Whether the authenticated user is a bureau administrator (an administrator bound to no plant). */
    public static boolean isBureau() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null
                && enterprise().isEmpty()
                && auth.getAuthorities().stream().anyMatch(a -> ("ROLE_" + Role.ADMIN.name()).equals(a.getAuthority()));
    }
}
