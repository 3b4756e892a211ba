package fi.tiekartta.query.timetravel;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query parameters are taken exactly as given, or refused naming the parameter. An answer "as known at" an
 * instant not yet reached would change as soon as anything is recorded, so "the same knownAt gives the same
 * answer" could not hold: every query that takes {@code knownAt} refuses a future one. And a parameter given
 * twice is refused rather than half read.
 */
class StrictQueryParametersTest extends QueryServiceTestBase {

    private static final String AUDITOR = TestTokens.mint("tarkastaja", "AUDITOR");

    @ParameterizedTest
    @ValueSource(strings = {"/api/roadmap", "/api/projects", "/api/projects/QT-NONE", "/api/audit/projects/QT-NONE/state", "/api/audit/verify",
                            "/api/reports/year-end/2024"})
    void aKnownAtInTheFuture_isRefusedNamingIt_andOneInThePast_isAnswered(String path) {
        String future = Instant.now().plus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString();
        String past = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.SECONDS).toString();
        String token = path.startsWith("/api/audit") ? AUDITOR : managementToken();

        Response refused = api().get(path + "?knownAt=" + future, token);
        Response answered = api().get(path + "?knownAt=" + past, token);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("knownAt");
        assertThat(answered.status()).as(answered.toString()).isIn(200, 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/roadmap?asOf=2023-12-31&asOf=2024-12-31", "/api/projects?sector=TEKNIIKKA&sector=ELINVOIMA",
                            "/api/reports/year-end/2024?knownAt=2025-01-01T00:00:00Z&knownAt=2025-02-01T00:00:00Z"})
    void aParameterGivenTwice_isRefusedNamingIt(String pathAndQuery) {
        String parameter = pathAndQuery.substring(pathAndQuery.lastIndexOf('&') + 1, pathAndQuery.lastIndexOf('='));

        Response refused = api().get(pathAndQuery, managementToken());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo(parameter);
    }
}
