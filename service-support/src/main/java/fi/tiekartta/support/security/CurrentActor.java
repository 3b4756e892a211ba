package fi.tiekartta.support.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who sends the current request: the subject of its verified bearer token, never a field of its body. */
public final class CurrentActor {

    private CurrentActor() {
    }

    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("no authenticated actor in this request");
        }
        return authentication.getName();
    }

    /** The roles of the current token, as names ({@code OWNER}, …). */
    public static java.util.List<String> roles() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return java.util.List.of();
        }
        return authentication.getAuthorities().stream()
                             .map(a -> a.getAuthority())
                             .filter(a -> a.startsWith("ROLE_"))
                             .map(a -> a.substring("ROLE_".length()))
                             .toList();
    }

    public static boolean hasRole(Role role) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                                                       .anyMatch(a -> role.authority().equals(a.getAuthority()));
    }
}
