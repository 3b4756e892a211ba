package fi.tiekartta.command.importing;

import fi.tiekartta.vocabulary.ProjectStatus;

/**
 * One status change read from a roadmap status phrase: of the project ({@code unit == null}) or of one of its
 * units. The fields follow the status rules of the aggregate, so that a phrase that reads cleanly also records
 * cleanly: a percentage only in progress, a target year only (and always) when postponed, a quarter only when
 * planned, and a note that says what a merged project is part of.
 *
 * @param scheduledFor a quarter such as {@code 2024-Q1}
 * @param note         the words of the phrase that the status code cannot say; {@code null} when there are none
 */
public record ParsedStatus(String unit, ProjectStatus status, Integer progressPercent, Integer targetYear,
                           String scheduledFor, String note) {

    static ParsedStatus of(ProjectStatus status, String note) {
        return new ParsedStatus(null, status, null, null, null, note);
    }

    ParsedStatus forUnit(String unitName) {
        return new ParsedStatus(unitName, status, progressPercent, targetYear, scheduledFor, note);
    }

    /** The following ", "-separated words of the phrase belong to this change's note. */
    ParsedStatus withMoreNote(String words) {
        String combined = note == null ? words : note + ", " + words;
        return new ParsedStatus(unit, status, progressPercent, targetYear, scheduledFor, combined);
    }
}
