package fi.tiekartta.query.admin;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.LongSupplier;

/**
 * Ids for a rebuild's view rows, drawn from the live {@code project_view}'s own sequence in blocks. A rebuild writes
 * the ids itself, so that a closed row can name the row holding its state (V16), and draws them from the sequence the
 * live rows draw theirs from, so that ids stay unique across the switch (docs/RELIABILITY.md, "4. Switch"): a
 * statement reading rows by the ids an earlier statement found never finds another row under an id.
 *
 * <p>A block is taken in a transaction of its own: {@code ALTER SEQUENCE} (changing nothing) locks the sequence
 * against every other session's {@code nextval} until the commit, so the first value drawn and the {@code setval}
 * past the block cannot have another session's value between them. The live projection's inserts wait for that
 * commit, a few milliseconds once per block.
 */
final class ViewIds implements LongSupplier {

    /** Ids per block: about 8 blocks for the 2 million rows of the benchmark store, the rest of the last one unused. */
    static final int BLOCK = 1 << 18;

    private final DataSource dataSource;
    private final int block;
    private long next;
    private long end;

    ViewIds(DataSource dataSource) {
        this(dataSource, BLOCK);
    }

    ViewIds(DataSource dataSource, int block) {
        this.dataSource = dataSource;
        this.block = block;
    }

    @Override
    public long getAsLong() {
        if (next == end) {
            try {
                next = reserve();
            } catch (SQLException e) {
                throw new IllegalStateException("could not draw ids for the rebuilt project_view rows", e);
            }
            end = next + block;
        }
        return next++;
    }

    /** The sequence the live {@code read_model.project_view.id} draws from, by its qualified name; null for none. */
    static String sequence(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_get_serial_sequence('read_model.project_view', 'id')")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The first id of a block of {@link #block} ids that no one else is given. */
    private long reserve() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                String sequence = sequence(s);
                if (sequence == null) {
                    throw new IllegalStateException("read_model.project_view.id draws from no sequence");
                }
                s.execute("ALTER SEQUENCE " + sequence + " INCREMENT BY 1");
                long first;
                try (ResultSet rs = s.executeQuery("SELECT nextval('" + sequence + "')")) {
                    rs.next();
                    first = rs.getLong(1);
                }
                s.execute("SELECT setval('" + sequence + "', " + (first + block - 1) + ")");
                c.commit();
                return first;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }
}
