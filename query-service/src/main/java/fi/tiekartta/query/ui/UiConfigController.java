package fi.tiekartta.query.ui;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /ui-config.json}: what the roadmap page needs to know before anyone has signed in. */
// Not part of the API: the page's own configuration, open like the page (docs/SECURITY.md, open endpoints).
@io.swagger.v3.oas.annotations.Hidden
@RestController
public class UiConfigController {

    private final UiConfig config;

    public UiConfigController(UiOidcProperties oidc, UiCommandServiceProperties commands) {
        this.config = new UiConfig(oidc.enabled() ? new Oidc(oidc.issuer(), oidc.clientId(), oidc.scope()) : null,
                                   commands.commandUrl());
    }

    /**
     * {@code oidc} is null in local mode; {@code commandUrl} is the command-service's base URL, empty when
     * commands go to the page's own origin.
     */
    public record UiConfig(Oidc oidc, String commandUrl) {
    }

    public record Oidc(String issuer, String clientId, String scope) {
    }

    @Operation(summary = "How the roadmap page signs in (the OpenID Provider, or none: local mode, sign-in links) and where it sends commands")
    @GetMapping("/ui-config.json")
    public ResponseEntity<UiConfig> config() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }
}
