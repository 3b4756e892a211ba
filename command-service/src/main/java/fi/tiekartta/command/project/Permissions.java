package fi.tiekartta.command.project;

import java.util.Collection;

/**
 * Who may change a project (docs/SECURITY.md): coordinators any project, owners only their own. The
 * route already let only these roles through; which project is whose only the aggregate knows.
 */
final class Permissions {

    /** Command metadata: the roles of the token that sent the command. Not copied onto events. */
    static final String ROLES = fi.tiekartta.command.dispatch.CommandSender.ROLES;

    private Permissions() {
    }

    static void requireOwnerOrCoordinator(String projectId, String owner, String actor, Collection<?> roles) {
        boolean coordinator = roles != null && roles.contains("COORDINATOR");
        boolean owningOwner = roles != null && roles.contains("OWNER") && actor != null && actor.equals(owner);
        if (!coordinator && !owningOwner) {
            throw new NotTheOwnerException(projectId, actor);
        }
    }
}
