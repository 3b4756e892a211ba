package fi.tiekartta.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The JSON answer of {@code GET /api/reports/year-end/{year}} (docs/API.md); each sector also
 * names its {@code label}, as in the roadmap. The lists hold project ids in {@code ProjectIdOrder}.
 */
public record YearEndReport(int year, LocalDate asOf, Instant knownAt, String digest,
                            Map<String, Integer> countsByStatus, List<SectorReport> sectors) {

    public record SectorReport(String sector, String label, Map<String, Integer> countsByStatus, List<String> started,
                               List<String> completed, List<Postponement> postponed, List<String> dropped,
                               List<String> overdue) {
    }

    static YearEndReport of(YearEnd report) {
        return new YearEndReport(report.year(), report.asOf(), report.knownAt(), report.digest(), report.countsByStatus(),
                                 report.sectors().stream()
                                       .map(s -> new SectorReport(s.sector().code(), s.sector().label(), s.countsByStatus(),
                                                                  s.started(), s.completed(), s.postponed(), s.dropped(),
                                                                  s.overdue()))
                                       .toList());
    }
}
