package fi.tiekartta.command.importing;

import fi.tiekartta.command.project.ChangeProjectStatusCommand;
import fi.tiekartta.command.project.RegisterProjectCommand;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The commands one row of the file turns into: the registration, then its status changes on the same day. */
record ProjectImport(RoadmapRow row, RegisterProjectCommand registration,
                     List<ChangeProjectStatusCommand> statusChanges) {

    /** Kept with each change (event metadata), so that the history says where the status came from. */
    static final String REASON = "Tuotu tiekartasta (roadmap import)";

    /** @param ownerMayFollow the file names no owners: the project is registered without one, to be assigned */
    static ProjectImport of(RoadmapRow row, List<ParsedStatus> statuses, LocalDate effectiveDate, boolean ownerMayFollow) {
        RegisterProjectCommand registration = new RegisterProjectCommand(
                row.id(), UUID.randomUUID().toString(), row.sector(), row.title(), row.owner(),
                row.plannedStartYear(), row.plannedEndYear(), row.description(), effectiveDate, ownerMayFollow);
        List<ChangeProjectStatusCommand> changes = statuses.stream()
                .map(s -> new ChangeProjectStatusCommand(row.id(), null, UUID.randomUUID().toString(), s.status(),
                                                         effectiveDate, s.progressPercent(), s.targetYear(),
                                                         s.scheduledFor(), s.unit(), s.note(), REASON))
                .toList();
        return new ProjectImport(row, registration, changes);
    }

    String projectId() {
        return row.id();
    }

    int line() {
        return row.line();
    }
}
