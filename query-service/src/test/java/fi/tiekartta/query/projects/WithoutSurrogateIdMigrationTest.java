package fi.tiekartta.query.projects;

import fi.tiekartta.query.QueryServiceDatabase;
import fi.tiekartta.testsupport.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V15 takes the surrogate id off project_view: every row stays as it was, and the believed rows' valid-time index is
 * there again, without the id, still answering for the believed rows alone.
 */
class WithoutSurrogateIdMigrationTest {

    private static final TestDatabase DATABASE = TestDatabase.create("without_surrogate_id_migration");
    private static final String ROWS = "SELECT project_id, valid_from, valid_to, recorded_from, recorded_to, status, state, title"
            + " FROM read_model.project_view ORDER BY project_id, valid_from, recorded_from";

    @BeforeAll
    static void readModelWithTheId() {
        flyway("14").migrate();
    }

    @AfterAll
    static void drop() {
        DATABASE.drop();
    }

    @Test
    void theMigration_keepsEveryRow_andTheValidTimeIndexWithoutTheId() throws Exception {
        try (Connection connection = DATABASE.connect(); Statement s = connection.createStatement()) {
            // a project's history: a row closed when a change split it, the two rows believed since, another project
            s.execute("INSERT INTO read_model.project_view"
                      + " (project_id, valid_from, valid_to, recorded_from, recorded_to, sector, status, state, title) VALUES"
                      + " ('P-1', DATE '2023-01-02', NULL, TIMESTAMPTZ '2023-01-02 08:00Z', TIMESTAMPTZ '2023-05-01 09:00Z',"
                      + "  'TEKNIIKKA', 'PLANNED', '{\"title\":\"Yksi\"}', 'Yksi'),"
                      + " ('P-1', DATE '2023-01-02', DATE '2023-05-01', TIMESTAMPTZ '2023-05-01 09:00Z', NULL,"
                      + "  'TEKNIIKKA', 'PLANNED', '{\"title\":\"Yksi\"}', 'Yksi'),"
                      + " ('P-1', DATE '2023-05-01', NULL, TIMESTAMPTZ '2023-05-01 09:00Z', NULL,"
                      + "  'TEKNIIKKA', 'IN_PROGRESS', '{\"title\":\"Yksi\"}', 'Yksi'),"
                      + " ('P-2', DATE '2023-03-01', NULL, TIMESTAMPTZ '2023-03-01 10:00Z', NULL,"
                      + "  'HALLINTO', 'DONE', '{\"title\":\"Kaksi\"}', 'Kaksi')");
            List<List<Object>> before = rows(s);

            flyway("15").migrate();

            assertThat(rows(s)).isEqualTo(before).hasSize(4);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'read_model'"
                                               + " AND table_name = 'project_view' AND column_name = 'id'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
            try (ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE schemaname = 'read_model'"
                                               + " AND indexname = 'project_view_believed_days'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(
                        "CREATE INDEX project_view_believed_days ON read_model.project_view USING spgist (daterange(valid_from, valid_to))"
                        + " INCLUDE (project_id, sector, status, valid_from, valid_to, recorded_from) WHERE (recorded_to IS NULL)");
            }
        }
    }

    private static List<List<Object>> rows(Statement s) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(ROWS)) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= 8; c++) {
                    row.add(rs.getObject(c));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Flyway flyway(String target) {
        return QueryServiceDatabase.migrations(DATABASE, "read_model", "classpath:db/migration", target);
    }
}
