package fi.tiekartta.command.importing;

import fi.tiekartta.command.project.RegisteredProjectIds;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Imports a roadmap CSV as of one effective date: reads every row, reads its status phrase, and stores the
 * registrations and status changes of all rows together, or refuses the whole file naming every bad row.
 */
@Service
public class RoadmapImporter {

    private final StatusPhraseParser phrases;
    private final RegisteredProjectIds registered;
    private final RoadmapImport store;
    private final int maxRows;

    public RoadmapImporter(StatusPhraseParser phrases, RegisteredProjectIds registered, RoadmapImport store,
                           @Value("${tiekartta.import.max-rows:1000}") int maxRows) {
        this.phrases = phrases;
        this.registered = registered;
        this.store = store;
        this.maxRows = maxRows;
    }

    /** @throws ImportRejectedException when anything is wrong; then nothing was stored */
    public ImportSummary importRoadmap(String csv, LocalDate effectiveDate) {
        RoadmapCsv.RoadmapFile file = RoadmapCsv.read(csv);
        if (file.rowCount() > maxRows) {
            // One import is one transaction holding every aggregate in memory; a roadmap is tens of rows.
            throw ImportRejectedException.of(List.of(ImportProblem.ofRequest(
                    "body", "has " + file.rowCount() + " rows; at most " + maxRows + " are imported at once")));
        }
        List<ImportProblem> problems = new ArrayList<>(file.problems());
        List<ProjectImport> projects = new ArrayList<>();
        Map<String, Integer> lineOfId = new HashMap<>();
        for (RoadmapRow row : file.rows()) {
            Integer first = lineOfId.putIfAbsent(row.id(), row.line());
            if (first != null) {
                problems.add(ImportProblem.invalid(row.line(), row.id(), RoadmapCsv.ID,
                                                   "is also on line " + first + "; a project is imported once"));
                continue;
            }
            List<ParsedStatus> statuses = List.of();
            try {
                statuses = phrases.parse(row.statusText());
            } catch (StatusPhraseException e) {
                problems.add(ImportProblem.invalid(row.line(), row.id(), RoadmapCsv.STATUS_TEXT, e.getMessage()));
            }
            projects.add(ProjectImport.of(row, statuses, effectiveDate, !file.namesOwners()));
        }
        problems.addAll(alreadyOnTheRoadmap(projects));
        try {
            store.storeAllOrNothing(projects, problems);
        } catch (AggregateStreamCreationException | ConcurrencyException racing) {
            // Registered by someone else between the check above and the commit; the commit was rolled back.
            List<ImportProblem> clashes = alreadyOnTheRoadmap(projects);
            throw ImportRejectedException.of(clashes.isEmpty()
                    ? List.of(ImportProblem.conflict(null, null, "body",
                                                     "another change to these projects was stored at the same time; retry"))
                    : clashes);
        }
        List<String> ids = projects.stream().map(ProjectImport::projectId).toList();
        int changes = projects.stream().mapToInt(p -> p.statusChanges().size()).sum();
        return new ImportSummary(effectiveDate, ids.size(), changes, ids);
    }

    private List<ImportProblem> alreadyOnTheRoadmap(List<ProjectImport> projects) {
        Set<String> existing = registered.amongst(projects.stream().map(ProjectImport::projectId).toList());
        return projects.stream()
                       .filter(p -> existing.contains(p.projectId()))
                       .map(p -> ImportProblem.conflict(p.line(), p.projectId(), RoadmapCsv.ID,
                                                        "is already on the roadmap; an import only adds new projects"))
                       .toList();
    }
}
