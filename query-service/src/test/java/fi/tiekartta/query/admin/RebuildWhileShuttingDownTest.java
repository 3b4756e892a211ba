package fi.tiekartta.query.admin;

import fi.tiekartta.query.QueryServiceTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A rebuild asked of an instance that is shutting down is refused before anything is claimed: no lock held by a
 * connection nobody will release, no {@code running_on} for a rebuild that never runs.
 */
class RebuildWhileShuttingDownTest extends QueryServiceTestBase {

    @Autowired
    private ApplicationContext context;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aRebuildAskedAfterTheRunnerStopped_isRefused_andClaimsNothing() {
        // An instance of its own around the shared service's beans: stopping the shared one would stop its rebuilds
        // for every later test. Made by the bean factory, not registered in it, so that no context destroys it.
        ReadModelRebuild stopping = context.getAutowireCapableBeanFactory().createBean(ReadModelRebuild.class);
        Map<String, Object> stateBefore = rebuildState();
        stopping.stop();

        assertThatThrownBy(stopping::start).isInstanceOf(RebuildUnavailableException.class);

        assertThat(rebuildState()).isEqualTo(stateBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = 1",
                                       Long.class, 0x74696b)).isZero();
    }

    private Map<String, Object> rebuildState() {
        return jdbc.queryForMap("SELECT started_at, running_on, events_total, events_done FROM read_model.rebuild_state");
    }
}
