package fi.tiekartta.query.audit;

import fi.tiekartta.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit endpoints are for auditors only. */
class AuditAccessTest extends AuditTestBase {

    @Test
    void auditorsGetIn_everyOtherRoleIsForbidden_andNoTokenIsUnauthorized() {
        String id = projectWithHistory(2);
        List<String> paths = List.of("/api/audit/projects/" + id + "/events",
                                     "/api/audit/projects/" + id + "/state?atSequence=1&asOf=2024-01-01",
                                     "/api/audit/verify");

        for (String path : paths) {
            assertThat(api().get(path, AUDITOR).status()).as(path).isEqualTo(200);
            assertThat(api().get(path, null).status()).as(path).isEqualTo(401);
            for (String role : List.of("OWNER", "COORDINATOR", "MANAGEMENT", "ADMIN")) {
                assertThat(api().get(path, TestTokens.mint("someone", role)).status()).as(path + " " + role).isEqualTo(403);
            }
        }
    }
}
