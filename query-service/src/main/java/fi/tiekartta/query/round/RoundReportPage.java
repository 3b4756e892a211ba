package fi.tiekartta.query.round;

import fi.tiekartta.query.projects.ProjectView;
import fi.tiekartta.query.projects.StoredView;
import fi.tiekartta.query.roadmap.Roadmap;
import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** What the printable round report ({@code templates/report/round.html}) shows, as text ready to print. */
record RoundReportPage(String title, String day, String dueDate, String knownAt, boolean provisional,
                       List<Count> counts, List<Sector> sectors, String address) {

    private static final DateTimeFormatter FINNISH_DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    record Count(String label, int count) {
    }

    record Sector(String id, String label, List<Count> counts, List<Project> projects) {
    }

    record Project(String projectId, String title, String owner, String status, String progress, String note) {
    }

    static RoundReportPage of(RoundReport report) {
        Roadmap roadmap = report.roadmap();
        return new RoundReportPage(report.title(), FINNISH_DAY.format(report.asOf()), FINNISH_DAY.format(report.dueDate()),
                                   report.knownAt().toString(), report.provisional(), counts(roadmap.countsByStatus()),
                                   roadmap.sectors().stream().map(s -> new Sector(
                                           "toimiala-" + s.sector(), s.label(), counts(s.countsByStatus()),
                                           s.projects().stream().map(StoredView::view).map(RoundReportPage::project).toList())).toList(),
                                   "/api/reporting-rounds/" + report.roundId() + "/report");
    }

    private static Project project(ProjectView p) {
        return new Project(p.projectId(), p.title(), p.owner() == null ? "" : p.owner(), p.statusLabel(),
                           p.progressPercent() == null ? "" : p.progressPercent() + " %", p.note() == null ? "" : p.note());
    }

    private static List<Count> counts(Map<String, Integer> byStatus) {
        return byStatus.entrySet().stream()
                       .map(e -> new Count(ProjectStatus.valueOf(e.getKey()).finnishLabel(), e.getValue())).toList();
    }
}
