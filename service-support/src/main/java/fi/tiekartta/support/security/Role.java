package fi.tiekartta.support.security;

/** The roles a bearer token may carry in its {@code roles} claim (docs/SECURITY.md). */
public enum Role {
    OWNER, COORDINATOR, AUDITOR, MANAGEMENT, ADMIN;

    /** The Spring Security authority name, as {@code hasRole(...)} expects it. */
    public String authority() {
        return "ROLE_" + name();
    }
}
