package fi.tiekartta.command.project;

import fi.tiekartta.vocabulary.ProjectStatus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.LocalDate;
import java.util.Set;

/**
 * Fix an earlier status change ({@code correctedChangeId}): the given fields replace its fields, those named in
 * {@code cleared} are cleared, the rest keep their value ({@code null} and not cleared); or with {@code retract}
 * the change is withdrawn as if never made. The original stays in the store either way.
 *
 * @param changeId the id of this correction
 * @param cleared  the corrected fields the client gave as {@code null}
 * @param reason   mandatory: a correction rewrites what people were told
 */
public record CorrectStatusChangeCommand(
        @TargetAggregateIdentifier String projectId,
        @TargetAggregateVersion Long expectedVersion,
        String changeId,
        String correctedChangeId,
        ProjectStatus status,
        LocalDate effectiveDate,
        Integer progressPercent,
        Integer targetYear,
        String scheduledFor,
        String unit,
        String note,
        Set<String> cleared,
        boolean retract,
        String reason) {

    public CorrectStatusChangeCommand {
        cleared = cleared == null ? Set.of() : Set.copyOf(cleared);
    }

    boolean correctsAnyField() {
        return status != null || effectiveDate != null || progressPercent != null || targetYear != null
               || scheduledFor != null || unit != null || note != null || !cleared.isEmpty();
    }
}
