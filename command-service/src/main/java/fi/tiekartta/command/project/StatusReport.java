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

    /**
     * This report as a correction states it: a field the correction gives replaces this one's, a field it clears
     * is cleared, and a field it leaves out is kept, unless a new status leaves that field no place (a percentage
     * beside anything but IN_PROGRESS, a target year beside anything but POSTPONED, a quarter beside anything but
     * PLANNED): "IN_PROGRESS 60 %" corrected to DONE is plain DONE. What results is judged by the rules as a whole.
     */
    StatusReport correctedBy(CorrectStatusChangeCommand correction) {
        ProjectStatus newStatus = pick(correction, "status", correction.status(), status);
        return new StatusReport(newStatus,
                                pick(correction, "effectiveDate", correction.effectiveDate(), effectiveDate),
                                pick(correction, "progressPercent", correction.progressPercent(),
                                     keptWith(newStatus, ProjectStatus.IN_PROGRESS, progressPercent)),
                                pick(correction, "targetYear", correction.targetYear(),
                                     keptWith(newStatus, ProjectStatus.POSTPONED, targetYear)),
                                pick(correction, "scheduledFor", correction.scheduledFor(),
                                     keptWith(newStatus, ProjectStatus.PLANNED, scheduledFor)),
                                pick(correction, "unit", correction.unit(), unit),
                                pick(correction, "note", correction.note(), note));
    }

    private static <T> T pick(CorrectStatusChangeCommand correction, String field, T given, T kept) {
        if (given != null) {
            return given;
        }
        return correction.cleared().contains(field) ? null : kept;
    }

    /** A field that belongs to one status is kept only while the status is that one. */
    private static <T> T keptWith(ProjectStatus newStatus, ProjectStatus owningStatus, T value) {
        return newStatus == owningStatus ? value : null;
    }
}
