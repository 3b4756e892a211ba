package fi.tiekartta.query.report;

import fi.tiekartta.query.QueryPlanTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The year-end report reads the rows of a year from indexes alone, never from the table's heap pages: the believed
 * rows from the valid-time index (V13), the rows closed after the instant asked about from the index of closed rows,
 * and the project's earlier statuses, probed for a row in force on the year's eve, from the index of a project's rows
 * (both V15). Each index includes every column the statement names of it.
 */
class YearRowsPlanTest extends QueryPlanTestBase {

    @Test
    void theYearsRows_comeFromIndexesAlone_asKnownNowAndAtAnInstantSincePast() {
        oneProjectProjectedAndVacuumed();

        for (Instant knownAt : new Instant[] {Instant.now(), Instant.parse("2025-02-15T00:00:00Z")}) {
            String plan = planWithoutTableScans(ReportTimelines.YEAR_ROWS, ReportTimelines.yearRowsArguments(2024, knownAt));

            assertThat(plan).as("as known at %s", knownAt)
                            .contains("Index Only Scan using project_view_believed_days on project_view")
                            .contains("Index Only Scan using project_view_closed on project_view")
                            .contains("Index Only Scan using project_view_project on project_view b")
                            .doesNotContain("Index Scan using");
        }
    }
}
