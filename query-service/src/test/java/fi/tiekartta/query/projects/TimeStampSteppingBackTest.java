package fi.tiekartta.query.projects;

import fi.tiekartta.events.ProjectStatusChangedEvent;
import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;

import static fi.tiekartta.vocabulary.ProjectStatus.IN_PROGRESS;
import static fi.tiekartta.vocabulary.ProjectStatus.NOT_STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stream whose time stamps step back (clocks of two command-service instances apart): a change counts in the
 * project's views from the latest recording time before it, so the live projection takes every change, a rebuild
 * builds the same rows, a question as known at any instant has one answer, and the audit's replay from the event
 * store gives that answer (docs/TIME.md, "A time stamp earlier than the one before it").
 */
class TimeStampSteppingBackTest extends QueryServiceTestBase {

    private static final LocalDate REGISTERED_ON = LocalDate.of(2022, 1, 10);
    private static final String AUDITOR = TestTokens.mint("tarkastaja", "AUDITOR");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aChangeStampedBeforeTheOneBeforeIt_countsFromThatOne() {
        String id = newProjectId();
        // All on the registration day: each change ends the one row believed for that day. The third is stamped 3 ms
        // before the second, and the fourth at the second's instant.
        Instant registered = registerStampedAMinuteAgo(id, REGISTERED_ON);
        appendRecordedAt(id, 1, started(id, "c1", 20), registered.plusMillis(10));
        appendRecordedAt(id, 2, started(id, "c2", 40), registered.plusMillis(7));
        appendRecordedAt(id, 3, started(id, "c3", 60), registered.plusMillis(10));

        Response now = awaitProjectedVersion(id, 3);
        assertThat(now.json().get("progressPercent").asInt()).isEqualTo(60);
        String inBetween = "/api/projects/" + id + "?asOf=" + REGISTERED_ON + "&knownAt=" + registered.plusMillis(8);
        Response asKnownInBetween = api().get(inBetween, managementToken());
        assertThat(asKnownInBetween.status()).isEqualTo(200);
        // The changes stamped 7 ms and 10 ms after the registration count from 10 ms on.
        assertThat(asKnownInBetween.json().get("status").asText()).isEqualTo(NOT_STARTED.name());
        assertThat(rowsAnsweringTheSameDayAndInstant(id)).isZero();
        // The audit's replay straight from the event store answers as the views do, at every instant around the steps.
        for (int millis : new int[] {0, 6, 7, 8, 9, 10, 11}) {
            String knownAt = "knownAt=" + registered.plusMillis(millis) + "&asOf=" + REGISTERED_ON;
            Response view = api().get("/api/projects/" + id + "?" + knownAt, managementToken());
            Response replayed = api().get("/api/audit/projects/" + id + "/state?" + knownAt, AUDITOR);
            assertThat(view.status()).as("+%d ms", millis).isEqualTo(200);
            assertThat(replayed.json()).as("+%d ms", millis).isEqualTo(view.json());
        }

        rebuildReadModel();
        assertThat(api().get("/api/projects/" + id + "?asOf=2030-01-01", managementToken()).body()).isEqualTo(now.body());
        assertThat(api().get(inBetween, managementToken()).body()).isEqualTo(asKnownInBetween.body());
        assertThat(rowsAnsweringTheSameDayAndInstant(id)).isZero();
    }

    private static ProjectStatusChangedEvent started(String id, String changeId, int percent) {
        return new ProjectStatusChangedEvent(id, changeId, IN_PROGRESS, NOT_STARTED, REGISTERED_ON, percent, null, null, null, null);
    }

    /** Pairs of the project's rows that overlap in both valid time and recorded time. */
    private long rowsAnsweringTheSameDayAndInstant(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM read_model.project_view a JOIN read_model.project_view b"
                                   + " ON a.project_id = b.project_id AND a.id < b.id"
                                   + " WHERE a.project_id = ?"
                                   + " AND daterange(a.valid_from, a.valid_to) && daterange(b.valid_from, b.valid_to)"
                                   + " AND tstzrange(a.recorded_from, a.recorded_to) && tstzrange(b.recorded_from, b.recorded_to)",
                                   Long.class, id);
    }
}
