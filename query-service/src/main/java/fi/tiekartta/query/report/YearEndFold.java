package fi.tiekartta.query.report;

import fi.tiekartta.vocabulary.ProjectStatus;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static fi.tiekartta.vocabulary.ProjectStatus.DONE;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.IN_USE;
import static fi.tiekartta.vocabulary.ProjectStatus.MERGED;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_NEEDED;
import static fi.tiekartta.vocabulary.ProjectStatus.POSTPONED;

/**
 * What one project did during year Y, read from its valid-time timeline as known at the report's
 * {@code knownAt}: the segments s0, s1, … sn of the project (rows of {@code project_view} visible at
 * {@code knownAt}, ordered by {@code validFrom}, only those starting on or before Y-12-31). s0 starts on the
 * project's registration day; sn is the project on 31.12.
 *
 * <p>A <em>change during Y</em> is a boundary between s(i-1) and s(i), i ≥ 1, with s(i).validFrom between
 * Y-01-01 and Y-12-31 inclusive (the effective date of the change, valid time). The state a project is first
 * known in (s0, e.g. a status imported with the roadmap or reported on the registration day) is a starting
 * point, not a change: the roadmap does not know when that happened.
 * <ul>
 *     <li><b>started</b>: the first segment with a begun status (IN_PROGRESS, IN_USE, DONE) is some s(i),
 *     i ≥ 1, whose change is during Y; the project had not begun before (any other status: NOT_STARTED,
 *     PLANNED, INVESTIGATING, WAITING, POSTPONED, or a NOT_NEEDED / MERGED that was later revived). Work
 *     reopened after it had once begun does not start again.</li>
 *     <li><b>completed</b>: a change during Y to DONE from any other status (also when reopened later in Y).</li>
 *     <li><b>postponed</b>: a change during Y to POSTPONED from any other status, or from POSTPONED to a later
 *     {@code targetYear}. {@code fromYear} is what the project was expected by just before that change: the
 *     previous segment's {@code targetYear} if it was POSTPONED with one, else its {@code plannedEndYear};
 *     {@code toYear} is the new {@code targetYear}. With several postponements in Y, one entry: the
 *     {@code fromYear} of the first and the {@code toYear} of the last. Revising the planned end year is not a
 *     postponement.</li>
 *     <li><b>dropped</b>: a change during Y to NOT_NEEDED or MERGED from a status that is neither.</li>
 *     <li><b>overdue</b>: on 31.12. (sn) the {@code plannedEndYear} is Y or earlier and the status is not DONE,
 *     NOT_NEEDED or MERGED (a POSTPONED project whose planned end has passed is overdue).</li>
 * </ul>
 * The fold is pure: the same segments always give the same answer.
 */
public final class YearEndFold {

    /** The statuses of work that has begun; {@link ReportTimelines} asks the database with the same set. */
    static final Set<ProjectStatus> BEGUN = Set.of(IN_PROGRESS, IN_USE, DONE);
    private static final Set<ProjectStatus> DROPPED = Set.of(NOT_NEEDED, MERGED);

    private YearEndFold() {
    }

    /** @param timeline one project's segments starting on or before Y-12-31, ordered by {@code validFrom} */
    public static ProjectYear of(int year, List<TimelineSegment> timeline) {
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("a project on the roadmap has at least one segment");
        }
        LocalDate firstDay = LocalDate.of(year, 1, 1);
        int lastBeforeYear = 0;
        boolean begunBeforeYear = false;
        for (int i = 0; i < timeline.size() && timeline.get(i).validFrom().isBefore(firstDay); i++) {
            lastBeforeYear = i;
            begunBeforeYear |= BEGUN.contains(timeline.get(i).status());
        }
        return ofYear(year, timeline.subList(lastBeforeYear, timeline.size()),
                      begunBeforeYear || BEGUN.contains(timeline.get(0).status()));
    }

    /**
     * The same from the part of the timeline the year can see: the segment in force just before Y-01-01 (if the
     * project existed then) and those starting during Y; what came earlier is summed up in {@code begunSoFar}:
     * whether the first of these segments, or any before it, had a begun status. This is what the report reads,
     * so that its memory grows with the projects, not with their years of history.
     */
    public static ProjectYear ofYear(int year, List<TimelineSegment> timeline, boolean begunSoFar) {
        if (timeline.isEmpty()) {
            throw new IllegalArgumentException("a project on the roadmap has at least one segment");
        }
        LocalDate firstDay = LocalDate.of(year, 1, 1);
        LocalDate lastDay = LocalDate.of(year, 12, 31);
        TimelineSegment yearEnd = timeline.get(timeline.size() - 1);
        if (yearEnd.validFrom().isAfter(lastDay)) {
            throw new IllegalArgumentException("segment from " + yearEnd.validFrom() + " is after the year " + year);
        }

        boolean begun = begunSoFar;
        boolean started = false;
        boolean completed = false;
        boolean dropped = false;
        Integer fromYear = null;
        Integer toYear = null;
        boolean postponed = false;
        for (int i = 1; i < timeline.size(); i++) {
            TimelineSegment before = timeline.get(i - 1);
            TimelineSegment after = timeline.get(i);
            boolean duringYear = !after.validFrom().isBefore(firstDay);
            if (!begun && BEGUN.contains(after.status())) {
                begun = true;
                started = duringYear;
            }
            if (!duringYear) {
                continue;
            }
            completed |= after.status() == DONE && before.status() != DONE;
            dropped |= DROPPED.contains(after.status()) && !DROPPED.contains(before.status());
            if (isPostponement(before, after)) {
                if (!postponed) {
                    fromYear = expectedBy(before);
                }
                toYear = after.targetYear();
                postponed = true;
            }
        }
        boolean overdue = yearEnd.plannedEndYear() != null && yearEnd.plannedEndYear() <= year
                          && !yearEnd.status().isClosed();
        return new ProjectYear(yearEnd.projectId(), yearEnd.sector(), yearEnd.title(), yearEnd.status(),
                               yearEnd.plannedEndYear(), started, completed,
                               postponed ? new Postponement(yearEnd.projectId(), fromYear, toYear) : null,
                               dropped, overdue);
    }

    /**
     * Whether {@link #ofYear} reads a segment's title, planned end year or target year, rather than only its day and
     * status: the last segment (the project on the year's last day), each POSTPONED one, and each one before a
     * POSTPONED one (what the project was expected by before it).
     *
     * @param next the status of the segment after it, null for the last
     */
    static boolean readsDetailsOf(ProjectStatus status, ProjectStatus next) {
        return next == null || status == POSTPONED || next == POSTPONED;
    }

    private static boolean isPostponement(TimelineSegment before, TimelineSegment after) {
        if (after.status() != POSTPONED) {
            return false;
        }
        if (before.status() != POSTPONED) {
            return true;
        }
        Integer expected = expectedBy(before);
        return after.targetYear() != null && expected != null && after.targetYear() > expected;
    }

    /** The year the project was expected to be ready by, in this segment. */
    private static Integer expectedBy(TimelineSegment segment) {
        return segment.status() == POSTPONED && segment.targetYear() != null ? segment.targetYear()
                                                                               : segment.plannedEndYear();
    }
}
