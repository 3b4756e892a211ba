package fi.tiekartta.query.admin;

import fi.tiekartta.events.ProjectDetailsRevisedEvent;
import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;

import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rebuild writes each of a project's states once (V16): a closed row names the row that holds its state. When the
 * live projection deletes such a row (a change recorded at the row's very instant replaces it), the closed rows
 * naming it keep their state, and a question as known before the deletion answers as before.
 */
class RebuiltStateHoldersTest extends QueryServiceTestBase {

    private static final LocalDate REGISTERED_ON = LocalDate.of(2022, 1, 10);
    private static final LocalDate STARTED_ON = LocalDate.of(2022, 6, 1);

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aClosedRowNamingARowTheLiveProjectionDeletes_keepsItsState() {
        String id = newProjectId();
        Instant registered = registerStampedAMinuteAgo(id, REGISTERED_ON);
        Instant started = registered.plusSeconds(10);
        appendRecordedAt(id, 1, new ProjectStatusChangedEvent(id, "alku", IN_PROGRESS, NOT_STARTED, STARTED_ON, 40, null, null,
                                                              null, null), started);
        awaitProjectedVersion(id, 1);
        rebuildReadModel();
        // The registration's row, closed by the status change, names the row that repeats its state up to that day.
        assertThat(rowsNamingAnother(id)).isEqualTo(1);
        String asFirstKnown = "/api/projects/" + id + "?asOf=" + STARTED_ON.plusDays(10) + "&knownAt=" + registered.plusSeconds(5);
        Response before = api().get(asFirstKnown, managementToken());
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.json().get("status").asText()).isEqualTo(NOT_STARTED.name());

        // Recorded at the very instant of the rows it replaces: they were never visible to anyone and are deleted.
        appendRecordedAt(id, 2, new ProjectDetailsRevisedEvent(id, "nimi", "Hanke (uusi nimi)", null, 2022, 2025, REGISTERED_ON),
                         started);
        awaitProjectedVersion(id, 2);

        Response after = api().get(asFirstKnown, managementToken());
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body()).isEqualTo(before.body());
        assertThat(rowsNamingAnother(id)).as("rows naming another after its deletion").isZero();
        assertThat(api().get("/api/projects/" + id + "?asOf=" + STARTED_ON.plusDays(10), managementToken()).json().get("title").asText())
                .isEqualTo("Hanke (uusi nimi)");
    }

    private long rowsNamingAnother(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.project_view WHERE project_id = ? AND state_of IS NOT NULL",
                                   Long.class, id);
    }
}
