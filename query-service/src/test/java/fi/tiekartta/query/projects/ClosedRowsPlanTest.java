package fi.tiekartta.query.projects;

import fi.tiekartta.query.QueryPlanTestBase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Visible on day D as known at K" finds the rows closed after K from the index of closed rows alone, and reads only
 * those rows' states from the table (V15): the index includes every column the conditions name, the sector and
 * status filters and the paging cursor among them. Without one of them an instant long past scanned the whole table.
 */
class ClosedRowsPlanTest extends QueryPlanTestBase {

    @Test
    void theRowsClosedAfterAPastInstant_areFoundFromTheirIndexAlone_filteredOrNot() {
        oneProjectProjectedAndVacuumed();
        Map<String, String> filtered = new LinkedHashMap<>();
        filtered.put("sector", "TEKNIIKKA");
        filtered.put("status", "IN_PROGRESS");
        Instant past = Instant.parse("2025-02-15T00:00:00Z");
        LocalDate day = LocalDate.of(2024, 6, 30);

        for (ProjectViewTable.Visible question : new ProjectViewTable.Visible[] {
                ProjectViewTable.Visible.of(day, past, Map.of(), null, ""),
                ProjectViewTable.Visible.of(day, past, filtered, "A", " ORDER BY v.project_id LIMIT 100")}) {
            assertThat(planWithoutTableScans(question.sql(), question.arguments()))
                    .as(question.sql())
                    .contains("Index Only Scan using project_view_closed on project_view");
        }
    }
}
