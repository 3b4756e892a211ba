package fi.tiekartta.query.projects;

import fi.tiekartta.query.projects.ProjectTimeline.Segment;
import fi.tiekartta.vocabulary.ProjectStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched projection ({@link KnownProject}, {@link ProjectionBatch}) writes exactly the rows that projecting one
 * event at a time writes: fold every change known so far, close (or, recorded at the same instant, delete) the
 * believed rows the fold no longer has, add the ones it has newly, at the latest recording time so far; and no two of
 * the rows give an answer for the same day and instant of knowledge. Random histories of status changes (of the project
 * and of units, in any effective-date order), corrections, retractions, owner and detail changes, some recorded at the
 * same instant or with the clock stepping back, delivered in random batches, some twice, some after the project was
 * read back from the table in between: whole, or as its tail ({@link KnownProject#ofTail}) where the next batch's
 * changes allow it, as the projection reads it.
 */
class BatchedProjectionPropertyTest {

    private static final String ID = "P-1";
    private static final String[] UNITS = {null, null, null, "VAKA", "KOULUT"};

    /** A row of project_view, without its surrogate id. */
    record Row(LocalDate validFrom, LocalDate validTo, Instant recordedFrom, Instant recordedTo, ProjectState state) {
    }

    @Property(tries = 1500)
    void batchesWriteTheSameRows_asOneEventAtATime(@ForAll long seed) {
        Random random = new Random(seed);
        List<RecordedChange> events = history(random);

        List<Row> expected = oneAtATime(events);
        int[] tailBatches = {0}; // batches this history applied to a tail
        List<Row> actual = batched(events, random, tailBatches);

        assertThat(sorted(actual)).as("seed %d", seed).isEqualTo(sorted(expected));
        assertOneRowPerDayAndInstant(actual, seed);
        Statistics.label("histories with a batch applied to a tail").collect(tailBatches[0] > 0);
        Statistics.label("histories with a batch applied to a tail").coverage(
                coverage -> coverage.check(true).percentage(p -> p >= 10));
    }

    /** How the projection worked before batching: every change folds the whole history and diffs every believed row. */
    private static List<Row> oneAtATime(List<RecordedChange> events) {
        List<RecordedChange> changes = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (RecordedChange change : events) {
            if (changes.stream().anyMatch(c -> c.sequence() == change.sequence())) {
                continue;
            }
            changes.add(change);
            changes.sort(Comparator.comparingLong(RecordedChange::sequence));
            Set<Segment> wanted = new HashSet<>(ProjectTimeline.fold(changes));
            // A change counts from the latest recording time so far: what is known of a project only grows.
            Instant at = changes.stream().map(RecordedChange::recordedAt).max(Comparator.naturalOrder()).orElseThrow();
            List<Row> after = new ArrayList<>();
            for (Row row : rows) {
                if (row.recordedTo() != null || wanted.remove(new Segment(row.validFrom(), row.validTo(), row.state()))) {
                    after.add(row);
                } else if (row.recordedFrom().isBefore(at)) {
                    after.add(new Row(row.validFrom(), row.validTo(), row.recordedFrom(), at, row.state()));
                } // else recorded at this very instant: deleted
            }
            wanted.forEach(s -> after.add(new Row(s.validFrom(), s.validTo(), at, null, s.state())));
            rows = after;
        }
        return rows;
    }

    private static List<Row> batched(List<RecordedChange> events, Random random, int[] tailBatches) {
        List<RecordedChange> stored = new ArrayList<>();
        List<Row> table = new ArrayList<>();
        KnownProject project = KnownProject.of(ID, List.of(), List.of());
        int next = 0;
        boolean evicted = false;
        while (next < events.size()) {
            List<RecordedChange> coming = events.subList(next, Math.min(events.size(), next + 1 + random.nextInt(6)));
            // Read back from the tables when evicted from the cache, or when a tail cannot take these changes: as
            // its tail where it can.
            if (evicted || project.isTail() && !project.continuesWith(coming)) {
                project = readBack(stored, table, coming, random.nextInt(3) > 0);
                tailBatches[0] += project.isTail() ? 1 : 0;
            }
            ProjectionBatch batch = new ProjectionBatch();
            for (RecordedChange change : coming) {
                if (!project.has(change.sequence())) {
                    project.apply(change, batch);
                }
            }
            next += coming.size();
            write(batch, table, stored);
            project.written();
            evicted = random.nextInt(3) == 0;
        }
        return table;
    }

    private static KnownProject readBack(List<RecordedChange> stored, List<Row> table, List<RecordedChange> coming,
                                         boolean asTailIfItCan) {
        stored.sort(Comparator.comparingLong(RecordedChange::sequence));
        List<ProjectViewTable.StoredRow> believed = table.stream().filter(r -> r.recordedTo() == null)
                .map(r -> new ProjectViewTable.StoredRow(new Segment(r.validFrom(), r.validTo(), r.state()), r.recordedFrom()))
                .toList();
        KnownProject whole = KnownProject.of(ID, stored, believed);
        // The head and the row that runs on without end, as ProjectViewTable.tailsOf reads them.
        Optional<ProjectViewTable.StoredRow> last = believed.stream().filter(r -> r.segment().validTo() == null).findFirst();
        if (!asTailIfItCan || last.isEmpty()) {
            return whole;
        }
        KnownProject tail = KnownProject.ofTail(new ProjectViewTable.StoredTail(
                ID, whole.lastSequence(), whole.versionRecordedAt(), whole.lastRecordedAt(), last.get()));
        return tail.continuesWith(coming) ? tail : whole;
    }

    /** What the SQL of ChangeLog.appendAll and ProjectViewTable.write does to the tables. */
    private static void write(ProjectionBatch batch, List<Row> table, List<RecordedChange> stored) {
        stored.addAll(batch.changes);
        for (ProjectionBatch.StoredRowChange close : batch.closes) {
            Row row = theBelievedRow(table, close.validFrom());
            table.set(table.indexOf(row), new Row(row.validFrom(), row.validTo(), row.recordedFrom(), close.recordedTo(), row.state()));
        }
        for (ProjectionBatch.StoredRowChange delete : batch.deletes) {
            table.remove(theBelievedRow(table, delete.validFrom()));
        }
        for (ProjectionBatch.NewRow row : batch.inserts) {
            if (!row.dropped()) {
                table.add(new Row(row.segment.validFrom(), row.segment.validTo(), row.recordedFrom, row.recordedTo(), row.segment.state()));
            }
        }
    }

    /**
     * At any instant of knowledge a project has one answer for any day: no two rows overlap in both valid time and
     * recorded time. (So no two closed rows share their first day and their close either, which the read model's
     * unique index of a project's rows also requires.)
     */
    private static void assertOneRowPerDayAndInstant(List<Row> rows, long seed) {
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                Row a = rows.get(i);
                Row b = rows.get(j);
                boolean validTogether = before(a.validFrom(), b.validTo()) && before(b.validFrom(), a.validTo());
                boolean knownTogether = before(a.recordedFrom(), b.recordedTo()) && before(b.recordedFrom(), a.recordedTo());
                assertThat(validTogether && knownTogether).as("seed %d: rows overlapping in both times:%n%s%n%s", seed, a, b)
                        .isFalse();
            }
        }
    }

    /** Whether {@code from} is before {@code to}, an open end (null) being after everything. */
    private static <T extends Comparable<? super T>> boolean before(T from, T to) {
        return to == null || from.compareTo(to) < 0;
    }

    private static Row theBelievedRow(List<Row> table, LocalDate validFrom) {
        List<Row> hits = table.stream().filter(r -> r.recordedTo() == null && r.validFrom().equals(validFrom)).toList();
        assertThat(hits).as("believed rows from %s", validFrom).hasSize(1);
        return hits.get(0);
    }

    private static List<String> sorted(List<Row> rows) {
        return rows.stream().map(Row::toString).sorted().toList();
    }

    /**
     * A registration, then up to 30 changes: status changes, corrections and retractions of them, owner and details;
     * recorded times mostly rising, sometimes equal or a step back; a few delivered twice or out of turn.
     */
    private static List<RecordedChange> history(Random random) {
        LocalDate registeredOn = LocalDate.of(2022, 1, 1).plusDays(random.nextInt(200));
        Instant at = Instant.parse("2022-06-01T08:00:00Z");
        List<RecordedChange> events = new ArrayList<>();
        events.add(new RecordedChange(ID, 0, "reg", "e0", ChangeType.REGISTERED, at, "k", null, null, registeredOn,
                                      null, null, null, null, null, null, null, null,
                                      new ProjectDetails("TEKNIIKKA", "Hanke", "o", 2022, 2024, "kuvaus")));
        List<String> open = new ArrayList<>();
        Map<String, String> unitOf = new HashMap<>();
        // Half the histories are mostly reports of how the project stands now, dated today (which moves on now and
        // then), as a reporting round brings them; in the rest a change is now and then such a report.
        boolean reporting = random.nextBoolean();
        LocalDate today = registeredOn;
        int length = random.nextInt(31);
        for (int sequence = 1; sequence <= length; sequence++) {
            int step = random.nextInt(10);
            at = step == 0 ? at : step == 1 ? at.minusMillis(1 + random.nextInt(5)) : at.plusMillis(1 + random.nextInt(100_000));
            today = today.plusDays(random.nextInt(3) == 0 ? random.nextInt(60) : 0);
            boolean reportOfNow = reporting ? random.nextInt(5) > 0 : random.nextInt(4) == 0;
            // A reporting history's other changes are mostly backdated, a few dated a day or two ahead; the rest's fall
            // on any day.
            LocalDate day = reportOfNow ? today
                    : registeredOn.plusDays(random.nextInt(reporting ? (int) (today.toEpochDay() - registeredOn.toEpochDay()) + 3 : 500));
            String id = "c" + sequence;
            int kind = random.nextInt(20);
            RecordedChange change;
            if (kind < 11 || open.isEmpty() || reportOfNow) {
                ProjectStatus status = ProjectStatus.values()[random.nextInt(ProjectStatus.values().length)];
                String unit = reportOfNow ? null : UNITS[random.nextInt(UNITS.length)];
                change = new RecordedChange(ID, sequence, id, "e" + sequence, ChangeType.STATUS_CHANGED, at, "o", null, null,
                                            day, status, null, unit, status == ProjectStatus.IN_PROGRESS ? random.nextInt(101) : null,
                                            status == ProjectStatus.POSTPONED ? day.getYear() + 1 : null, null,
                                            random.nextBoolean() ? "huom " + random.nextInt(3) : null, null, null);
                open.add(id);
                unitOf.put(id, unit);
            } else if (kind < 15) {
                String target = open.get(random.nextInt(open.size()));
                ProjectStatus status = ProjectStatus.values()[random.nextInt(ProjectStatus.values().length)];
                change = new RecordedChange(ID, sequence, id, "e" + sequence, ChangeType.CORRECTED, at, "k", "korjaus", null,
                                            day, status, null, unitOf.get(target), null, null, null, "korjattu", target, null);
            } else if (kind < 17) {
                String target = open.remove(random.nextInt(open.size()));
                change = new RecordedChange(ID, sequence, id, "e" + sequence, ChangeType.RETRACTED, at, "k", "peruttu", null,
                                            null, null, null, null, null, null, null, null, target, null);
            } else if (kind < 19) {
                change = new RecordedChange(ID, sequence, id, "e" + sequence, ChangeType.OWNER_ASSIGNED, at, "k", null, null,
                                            day, null, null, null, null, null, null, null, null,
                                            new ProjectDetails(null, null, "omistaja-" + random.nextInt(3), null, null, null));
            } else {
                change = new RecordedChange(ID, sequence, id, "e" + sequence, ChangeType.DETAILS_REVISED, at, "k", null, null,
                                            day, null, null, null, null, null, null, null, null,
                                            new ProjectDetails(null, "Hanke " + random.nextInt(3), null, 2022,
                                                               2024 + random.nextInt(2), null));
            }
            events.add(change);
            if (random.nextInt(15) == 0) {
                events.add(change); // delivered twice
            }
        }
        if (events.size() > 3 && random.nextInt(10) == 0) { // two neighbours out of turn
            int i = 1 + random.nextInt(events.size() - 2);
            events.set(i, events.set(i + 1, events.get(i)));
        }
        return events;
    }
}
