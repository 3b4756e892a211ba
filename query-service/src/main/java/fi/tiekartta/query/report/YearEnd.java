package fi.tiekartta.query.report;

import fi.tiekartta.query.roadmap.StatusCounts;
import fi.tiekartta.vocabulary.Sector;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A computed year-end report, before it is put into any format: every project on the roadmap on 31.12. of
 * {@code year} as known at {@code knownAt}, by sector (configured order) and by id, and the digest of the
 * event log it was computed from. Every format renders this one object, so they cannot disagree.
 */
public record YearEnd(int year, LocalDate asOf, Instant knownAt, String digest, List<SectorYear> sectors) {

    public Map<String, Integer> countsByStatus() {
        return StatusCounts.of(sectors.stream().flatMap(s -> s.projects().stream()).map(ProjectYear::status).toList());
    }

    /** One sector's projects, ordered by id; listed even when empty. */
    public record SectorYear(Sector sector, List<ProjectYear> projects) {

        public Map<String, Integer> countsByStatus() {
            return StatusCounts.of(projects.stream().map(ProjectYear::status).toList());
        }

        public List<String> started() {
            return ids(ProjectYear::started);
        }

        public List<String> completed() {
            return ids(ProjectYear::completed);
        }

        public List<Postponement> postponed() {
            return projects.stream().map(ProjectYear::postponed).filter(Objects::nonNull).toList();
        }

        public List<String> dropped() {
            return ids(ProjectYear::dropped);
        }

        public List<String> overdue() {
            return ids(ProjectYear::overdue);
        }

        private List<String> ids(Predicate<ProjectYear> inList) {
            return projects.stream().filter(inList).map(ProjectYear::projectId).toList();
        }
    }
}
