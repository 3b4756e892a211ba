package fi.tiekartta.query.projects;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows stored before V14 get as their title and years what their state holds, in every form a state was stored in. */
class TitleAndYearsMigrationTest {

    private static final TestDatabase DATABASE = TestDatabase.create("title_years_migration");

    @BeforeAll
    static void readModelBeforeTheColumns() {
        flyway("13").migrate();
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Test
    void theMigration_fillsEachRowsColumns_fromItsState() throws Exception {
        List<ProjectState> expected = new ArrayList<>();
        try (Connection connection = DATABASE.connect()) {
            // each state as stored now, as stored before, and as printed by jsonb (before V10 the column was jsonb)
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO read_model.project_view (project_id, valid_from, recorded_from, sector, status, state)"
                    + " VALUES ('P-1', DATE '2020-01-01' + ?, now(), 'TEKNIIKKA', 'PLANNED',"
                    + " CASE WHEN ? THEN CAST(CAST(CAST(? AS text) AS jsonb) AS text) ELSE ? END)")) {
                int day = 0;
                for (RandomStates.InBothForms state : RandomStates.inBothForms(14, 300)) {
                    for (byte[] form : List.of(state.stored(), state.before(), state.before())) {
                        String json = new String(form, StandardCharsets.UTF_8);
                        insert.setInt(1, day);
                        insert.setBoolean(2, day % 3 == 2);
                        insert.setString(3, json);
                        insert.setString(4, json);
                        insert.addBatch();
                        expected.add(state.state());
                        day++;
                    }
                }
                insert.executeBatch();
            }

            flyway("14").migrate();

            int read = 0;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT title, planned_end_year, target_year FROM read_model.project_view ORDER BY valid_from");
                 ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ProjectState state = expected.get(read++);
                    assertThat(rs.getString(1)).isEqualTo(state.title());
                    assertThat(rs.getObject(2, Integer.class)).isEqualTo(state.plannedEndYear());
                    assertThat(rs.getObject(3, Integer.class)).isEqualTo(state.targetYear());
                }
            }
            assertThat(read).isEqualTo(expected.size());
            assertThat(expected).anyMatch(s -> s.plannedEndYear() == null).anyMatch(s -> s.targetYear() != null)
                                .anyMatch(s -> s.title() != null && !s.title().chars().allMatch(c -> c < 128));

            // plain columns now, which the projection writes, not computed by the database
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'read_model'"
                    + " AND table_name = 'project_view' AND column_name IN ('title', 'planned_end_year', 'target_year')"
                    + " AND is_generated = 'NEVER'");
                 ResultSet rs = select.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(3);
            }
        }
    }

    private static Flyway flyway(String target) {
        return QueryServiceDatabase.migrations(DATABASE, "read_model", "classpath:db/migration", target);
    }
}
