package fi.tiekartta.query.admin;

import fi.tiekartta.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A rebuild's view row ids: drawn in blocks from the live table's sequence, never an id anyone else is given. */
class ViewIdsTest extends QueryServiceTestBase {

    private static final String SEQUENCE = "SELECT pg_get_serial_sequence('read_model.project_view', 'id')";

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void blocksOfTwoRebuildsAndTheLiveInserts_neverShareAnId() {
        ViewIds first = new ViewIds(dataSource, 5);
        ViewIds second = new ViewIds(dataSource, 3);
        String sequence = jdbc.queryForObject(SEQUENCE, String.class);
        List<Long> drawn = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            drawn.add(first.getAsLong());
            drawn.add(jdbc.queryForObject("SELECT nextval(?)", Long.class, sequence));
            drawn.add(second.getAsLong());
        }
        assertThat(new HashSet<>(drawn)).hasSameSizeAs(drawn);
        // and within a block, one after the other
        long a = first.getAsLong();
        assertThat(first.getAsLong()).isEqualTo(a + 1);
    }

    /** What a block's reservation counts on: its ALTER SEQUENCE holds every other session's nextval until it commits. */
    @Test
    void alterSequence_holdsOtherSessionsNextvalUntilItCommits() throws SQLException {
        String sequence = jdbc.queryForObject(SEQUENCE, String.class);
        try (Connection holder = dataSource.getConnection(); Connection other = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("ALTER SEQUENCE " + sequence + " INCREMENT BY 1");
                other.setAutoCommit(false);
                try (Statement o = other.createStatement()) {
                    o.execute("SET LOCAL lock_timeout = '200ms'");
                    assertThatThrownBy(() -> o.executeQuery("SELECT nextval('" + sequence + "')"))
                            .isInstanceOf(SQLException.class).hasMessageContaining("lock timeout");
                } finally {
                    other.rollback();
                    other.setAutoCommit(true);
                }
            } finally {
                holder.rollback();
                holder.setAutoCommit(true);
            }
        }
    }
}
