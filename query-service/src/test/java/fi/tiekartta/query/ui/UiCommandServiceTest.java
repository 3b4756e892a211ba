package fi.tiekartta.query.ui;

import fi.tiekartta.query.QueryServiceTestBase;
import fi.tiekartta.testsupport.HttpApi.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page sends commands to the command-service on another origin: its configuration names that origin, and the
 * page's Content-Security-Policy lets its script connect there (and nowhere else new). The setting is
 * {@code http://localhost:8081/}, as every test of {@link QueryServiceTestBase} has it.
 */
class UiCommandServiceTest extends QueryServiceTestBase {

    @Test
    void thePageIsToldWhereCommandsGo() {
        Response config = api().get("/ui-config.json", null);

        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("commandUrl").asText()).isEqualTo("http://localhost:8081");
        assertThat(config.json().path("oidc").isNull()).isTrue();
    }

    @Test
    void thePagesPolicy_letsItsScriptConnectToTheCommandService_andChangesNothingElse() {
        String policy = api().get("/", null).header("Content-Security-Policy").orElse("");

        assertThat(policy).contains("connect-src 'self' http://localhost:8081");
        assertThat(policy).contains("default-src 'self'", "form-action 'self'", "frame-ancestors 'none'");
        assertThat(policy).doesNotContain("script-src");
    }

    @Test
    void withoutTheSetting_thereIsNothingToConnectTo() {
        assertThat(new UiCommandServiceProperties("  ").origin()).isEmpty();
        assertThat(new UiCommandServiceProperties(null).commandUrl()).isEmpty();
    }
}
