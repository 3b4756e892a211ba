package fi.tiekartta.query.projects;

/** The kinds of change a project's history lists (docs/API.md, the history). */
public enum ChangeType {
    REGISTERED, STATUS_CHANGED, OWNER_ASSIGNED, DETAILS_REVISED, CORRECTED, RETRACTED
}
