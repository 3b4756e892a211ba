package fi.tiekartta.query.projects;

/** The kinds of change a project's history lists (DESIGN.md, history shape). */
public enum ChangeType {
    REGISTERED, STATUS_CHANGED, OWNER_ASSIGNED, DETAILS_REVISED, CORRECTED, RETRACTED
}
