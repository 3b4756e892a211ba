package fi.tiekartta.command.project;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import fi.tiekartta.vocabulary.ProjectStatus;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The body of {@code POST /api/projects/{id}/corrections}: the {@code changeId} being corrected, then either
 * the corrected fields or {@code retract: true}, and always a reason. Of the corrected fields, one given a value
 * replaces the original's, one given as {@code null} clears it, and one left out keeps its value (unless a new
 * status leaves it no place: see {@link StatusReport#correctedBy}). A class with setters, not a record, because
 * only a setter tells "given as null" from "left out".
 */
@Schema(description = "A correction: a field given replaces the original's, null clears it, a field left out keeps it",
        requiredProperties = {"changeId", "reason"})
public final class CorrectionRequest {

    private final Set<String> cleared = new TreeSet<>();
    private String changeId;
    private ProjectStatus status;
    private LocalDate effectiveDate;
    private Integer progressPercent;
    private Integer targetYear;
    private String scheduledFor;
    private String unit;
    private String note;
    private Boolean retract;
    private String reason;

    /** The corrected fields given as {@code null}: each is cleared. */
    Set<String> cleared() {
        return Set.copyOf(cleared);
    }

    /**
     * Part of what a repeat with the same {@code Idempotency-Key} must match: {@code {"note": null}} and
     * {@code {}} are different corrections. Never read from a body (an unknown field there is refused).
     */
    @JsonAnyGetter
    Map<String, Object> clearedForIdempotency() {
        return cleared.isEmpty() ? Map.of() : Map.of("cleared", cleared);
    }

    private <T> T given(String field, T value) {
        if (value == null) {
            cleared.add(field);
        } else {
            cleared.remove(field);
        }
        return value;
    }

    public String getChangeId() {
        return changeId;
    }

    public void setChangeId(String changeId) {
        this.changeId = changeId;
    }

    public ProjectStatus getStatus() {
        return status;
    }

    public void setStatus(ProjectStatus status) {
        this.status = given("status", status);
    }

    public LocalDate getEffectiveDate() {
        return effectiveDate;
    }

    public void setEffectiveDate(LocalDate effectiveDate) {
        this.effectiveDate = given("effectiveDate", effectiveDate);
    }

    public Integer getProgressPercent() {
        return progressPercent;
    }

    public void setProgressPercent(Integer progressPercent) {
        this.progressPercent = given("progressPercent", progressPercent);
    }

    public Integer getTargetYear() {
        return targetYear;
    }

    public void setTargetYear(Integer targetYear) {
        this.targetYear = given("targetYear", targetYear);
    }

    public String getScheduledFor() {
        return scheduledFor;
    }

    public void setScheduledFor(String scheduledFor) {
        this.scheduledFor = given("scheduledFor", scheduledFor);
    }

    public String getUnit() {
        return unit;
    }

    public void setUnit(String unit) {
        this.unit = given("unit", unit);
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = given("note", note);
    }

    public Boolean getRetract() {
        return retract;
    }

    public void setRetract(Boolean retract) {
        this.retract = retract;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }
}
