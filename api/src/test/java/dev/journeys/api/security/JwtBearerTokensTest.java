package dev.journeys.api.security;

import static dev.journeys.api.security.Scope.CUSTOMERS_READ;
import static dev.journeys.api.security.Scope.EVENTS_WRITE;
import static dev.journeys.api.security.Scope.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;

/** The token checks without a running API: a configured public key, claims and scope mapping. */
class JwtBearerTokensTest {

  static final TestIdentityProvider idp = new TestIdentityProvider();

  @AfterAll
  static void stop() {
    idp.close();
  }

  private static JwtProperties properties(
      String scopeClaim, String principalClaim, Map<String, String> mapping) {
    return new JwtProperties(
        idp.issuer(),
        null,
        new ByteArrayResource(idp.publicKeyPem().getBytes(StandardCharsets.US_ASCII)),
        List.of(TestIdentityProvider.AUDIENCE),
        null,
        scopeClaim,
        principalClaim,
        mapping,
        Duration.ofSeconds(5));
  }

  @Test
  void aConfiguredPublicKeyVerifiesTokensAndRefusesForgedOnes() {
    var tokens = JwtBearerTokens.from(properties(null, null, null));

    var outcome = tokens.authenticate(idp.token("crm-sync", "customers:read events:write"));
    assertThat(outcome.principal()).isPresent();
    assertThat(outcome.principal().get().scopes()).containsOnly(CUSTOMERS_READ, EVENTS_WRITE);
    assertThat(outcome.principal().get().auditName()).isEqualTo("jwt:crm-sync");
    assertThat(outcome.principal().get().keyId()).isEqualTo("jwt:crm-sync");

    var forged = tokens.authenticate(idp.forged("crm-sync", "customers:read"));
    assertThat(forged.principal()).isEmpty();
    assertThat(forged.rejection().reason()).contains("signature");
  }

  @Test
  void theIssuerAloneFindsTheKeysThroughDiscovery() {
    var tokens =
        JwtBearerTokens.from(
            new JwtProperties(
                idp.issuer(),
                null,
                null,
                List.of(TestIdentityProvider.AUDIENCE),
                null,
                null,
                null,
                null,
                null));
    assertThat(tokens.authenticate(idp.token("crm-sync", "operator")).principal())
        .hasValueSatisfying(p -> assertThat(p.scopes()).containsOnly(OPERATOR));
    assertThat(tokens.authenticate(idp.forged("crm-sync", "operator")).principal()).isEmpty();
  }

  @Test
  void scopesComeFromTheConfiguredClaimAndOnlyMappedOnesCountWhenMapped() {
    var tokens =
        JwtBearerTokens.from(
            properties(
                "roles",
                "email",
                Map.of("shop-ops", "operator customers:read", "shop-backend", "events:write")));
    var principal =
        tokens
            .authenticate(
                idp.token(
                    "u-123",
                    // unmapped API scope names in the default claim grant nothing here
                    "admin customers:write",
                    c ->
                        c.claim("roles", List.of("shop-ops", "admin", "viewer"))
                            .claim("email", "ops@shop.test")))
            .principal()
            .orElseThrow();

    assertThat(principal.scopes()).containsOnly(OPERATOR, CUSTOMERS_READ);
    assertThat(principal.auditName()).isEqualTo("jwt:ops@shop.test");
  }

  @Test
  void aPrincipalClaimThatIsMissingOrUnprintableIsRefused() {
    var tokens = JwtBearerTokens.from(properties(null, "email", null));
    assertThat(tokens.authenticate(idp.token("u-1", "operator")).principal()).isEmpty();
    assertThat(
            tokens
                .authenticate(idp.token("u-1", "operator", c -> c.claim("email", "a\nb")))
                .principal())
        .isEmpty();
  }

  /** Without timeouts, a provider that hangs would hold a request thread for every token. */
  @Test
  void aProviderThatNeverAnswersCostsATokenSecondsNotForever() throws Exception {
    try (var silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      var tokens =
          JwtBearerTokens.from(
              new JwtProperties(
                  idp.issuer(),
                  "http://127.0.0.1:" + silent.getLocalPort() + "/jwks",
                  null,
                  List.of(TestIdentityProvider.AUDIENCE),
                  null,
                  null,
                  null,
                  null,
                  null));
      var outcome =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> tokens.authenticate(idp.token("crm-sync", "operator")));
      assertThat(outcome.principal()).isEmpty();
      assertThat(outcome.rejection()).isNotNull();
    }
  }

  @Test
  void issuerAndAudienceAreRequired() {
    var noAudience =
        new JwtProperties(
            idp.issuer(), idp.jwkSetUri(), null, List.of(), null, null, null, null, null);
    assertThatThrownBy(() -> JwtBearerTokens.from(noAudience)).hasMessageContaining("audiences");
    var noIssuer =
        new JwtProperties(
            null, idp.jwkSetUri(), null, List.of("journeys-api"), null, null, null, null, null);
    assertThat(noIssuer.enabled()).isTrue();
    assertThatThrownBy(() -> JwtBearerTokens.from(noIssuer)).hasMessageContaining("issuer-uri");
  }

  @Test
  void onlyThreePartTokensAreTakenForJwts() {
    assertThat(JwtBearerTokens.looksLikeJwt(idp.token("a", "operator"))).isTrue();
    assertThat(JwtBearerTokens.looksLikeJwt("jk_0123456789abcdef_" + "A".repeat(43))).isFalse();
    assertThat(JwtBearerTokens.looksLikeJwt("test-admin-key-0123456789-abcdefghijklmnop"))
        .isFalse();
  }
}
