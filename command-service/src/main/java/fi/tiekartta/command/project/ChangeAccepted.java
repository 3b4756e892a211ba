package fi.tiekartta.command.project;

/**
 * What a command handler answers when it appended a change: the id to refer to it by, and the project
 * version after it (what {@code If-Match} must carry next).
 */
public record ChangeAccepted(String projectId, String changeId, long version) {
}
