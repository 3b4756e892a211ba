package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;

/**
 * What one status change says, with its effective date resolved: the part of a change that the field rules
 * judge, whether it arrives as a new change or as the corrected form of an old one.
 *
 * @param unit {@code null} for the project itself
 */
public record StatusReport(
        ProjectStatus status,
        LocalDate effectiveDate,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String unit,
        String note) {

    /** This report with the given fields replaced; {@code null} keeps a field as it is. */
    StatusReport correctedBy(ProjectStatus status, LocalDate effectiveDate, Integer progressPercent,
                             Integer targetYear, String scheduledFor, String unit, String note) {
        return new StatusReport(status != null ? status : this.status,
                                effectiveDate != null ? effectiveDate : this.effectiveDate,
                                progressPercent != null ? progressPercent : this.progressPercent,
                                targetYear != null ? targetYear : this.targetYear,
                                scheduledFor != null ? scheduledFor : this.scheduledFor,
                                unit != null ? unit : this.unit,
                                note != null ? note : this.note);
    }
}
