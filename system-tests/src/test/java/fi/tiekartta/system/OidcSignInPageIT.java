package fi.tiekartta.system;

import fi.tiekartta.testsupport.HttpApi.Response;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in as in production: the page's authorization code flow with PKCE against a real OpenID Provider
 * (NAV's mock-oauth2-server, in this JVM), both services verifying its tokens by OIDC discovery
 * ({@code SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI}). The provider issues the owner a token with
 * {@code sub} and a {@code roles} claim; the owner signs in through the page in Chromium, sees only their own
 * projects in "Omat hankkeet", and reports one. The services' limits hold for the provider's tokens too.
 */
class OidcSignInPageIT {

    private static final String ISSUER_ID = "tiekartta";
    private static final String CLIENT_ID = "tiekartta-page";

    private static MockOAuth2Server provider;
    private static String issuer;
    private static RunningSystem system;
    private static ReportingFixture fixture;

    @RegisterExtension
    static final BrowserTestLifecycle browser = BrowserTestLifecycle.startingFirst(OidcSignInPageIT::start);

    private ReportingPage page;

    private static void start(BrowserTestLifecycle.Started started) {
        provider = new MockOAuth2Server();
        provider.start();
        started.closedAfterTheClass(provider::shutdown);
        issuer = provider.issuerUrl(ISSUER_ID).toString();
        Map<String, String> verifyByIssuer = Map.of("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer);
        system = started.closedAfterTheClass(RunningSystem.startForThePage("oidc-sign-in", verifyByIssuer, Map.of(
                "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", issuer,
                "TIEKARTTA_UI_OIDC_ISSUER", issuer,
                "TIEKARTTA_UI_OIDC_CLIENT_ID", CLIENT_ID,
                "TIEKARTTA_UI_OIDC_SCOPE", "openid")));
        fixture = new ReportingFixture(system, token("koordinaattori", List.of("COORDINATOR"), 600)).importHeinola()
                .assignOwner("TE-10", "matti.m").assignOwner("KH-01", "matti.m").assignOwner("HV-07", "liisa.k");
    }

    @BeforeEach
    void newPage() {
        page = new ReportingPage(browser.driver(), system.pageUrl());
    }

    @Test
    void anOwner_signsInAtTheIdentityProvider_seesOnlyTheirOwnProjects_andReports() {
        // What the provider will say of the next person to sign in: matti.m, an owner.
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "matti.m", "JWT", List.of(CLIENT_ID),
                                                                Map.of("roles", List.of("OWNER")), 3600));
        page.visit("?view=own", null);
        assertThat(page.page.signInShown()).isTrue();

        page.pressOidcSignIn();
        page.awaitOwnView();

        assertThat(page.page.currentUrl()).as("the code and state leave the address bar")
                                          .doesNotContain("code=").doesNotContain("state=").contains("view=own");
        assertThat(browser.driver().findElement(org.openqa.selenium.By.id("account-name")).getText())
                .isEqualTo("Kirjautuneena: matti.m (OWNER)");
        assertThat(page.ownProjectIds()).as("matti.m's, not liisa.k's HV-07 nor anyone else's")
                                        .containsExactlyInAnyOrder("KH-01", "TE-10");

        page.openReport("KH-01");
        page.chooseStatus("Tila", "MENEILLÄÄN");
        page.type("Valmiusaste (%)", "30");
        page.submitReport();
        page.awaitSaid("Hankkeen KH-01 tila on kirjattu.");
        assertThat(page.ownProjectStatus("KH-01")).isEqualTo("MENEILLÄÄN 30 %");
        var history = system.queries().get("/api/projects/KH-01/history", token("tarkastaja", List.of("AUDITOR"), 600)).json();
        assertThat(history.path("changes").get(history.path("changes").size() - 1).path("actor").asText())
                .as("the provider's subject is the actor").isEqualTo("matti.m");
    }

    @Test
    void theProvidersTokens_areHeldToTheServicesLimits() {
        String fine = token("johtoryhma", List.of("MANAGEMENT"), 600);
        String tooLong = token("johtoryhma", List.of("MANAGEMENT"), Duration.ofHours(24).toSeconds());
        String noRole = token("vierailija", List.of(), 600);

        assertThat(system.queries().get("/api/projects", fine).status()).isEqualTo(200);
        Response refused = system.queries().get("/api/projects", tooLong);
        assertThat(refused.status()).as("a token living longer than the 12-hour limit").isEqualTo(401);
        assertThat(system.commands().post("/api/projects/KH-01/status-changes", tooLong, "{\"status\":\"DONE\"}").status())
                .isEqualTo(401);
        assertThat(system.queries().get("/api/projects", noRole).status()).as("no role, nothing to read").isEqualTo(403);
        assertThat(system.queries().get("/ui-config.json", null).json().path("oidc").path("issuer").asText()).isEqualTo(issuer);
        page.visit("", null); // for the checks after each test
    }

    private static String token(String subject, List<String> roles, long lifetimeSeconds) {
        return provider.issueToken(ISSUER_ID, CLIENT_ID, new DefaultOAuth2TokenCallback(
                ISSUER_ID, subject, "JWT", List.of(CLIENT_ID), Map.of("roles", roles), lifetimeSeconds)).serialize();
    }
}
