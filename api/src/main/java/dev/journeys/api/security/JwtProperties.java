package dev.journeys.api.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Tokens of an identity provider, accepted besides API keys, under {@code journeys.security.jwt}.
 * Off unless one of {@code issuer-uri}, {@code jwk-set-uri} or {@code public-key-location} is set.
 *
 * @param issuerUri the provider's issuer: every token's {@code iss} must equal it; its OpenID
 *     discovery document gives the signing keys unless {@code jwk-set-uri} or {@code
 *     public-key-location} does
 * @param jwkSetUri where the provider publishes its signing keys (JWK set)
 * @param publicKeyLocation an RSA public key (PEM, X.509) that signs the tokens, instead of a JWK
 *     set
 * @param audiences a token's {@code aud} must contain one of these (required: a token the same
 *     provider issued for another application must not open this API)
 * @param jwsAlgorithms the signature algorithms accepted; default RS256
 * @param scopeClaim the claim with the token's scopes (a space-separated string or a list); default
 *     {@code scope}, else {@code scp}
 * @param principalClaim the claim that names the caller in audit trails; default {@code sub}
 * @param scopeMapping the provider's scope names to the API's scopes ({@code events:write}, ...,
 *     several separated by spaces or commas); when empty, a token scope named exactly like an API
 *     scope grants it; when set, only the mapped scopes count
 * @param clockSkew how far {@code exp} and {@code nbf} may be off; default 60 s
 */
@ConfigurationProperties("journeys.security.jwt")
public record JwtProperties(
    String issuerUri,
    String jwkSetUri,
    Resource publicKeyLocation,
    List<String> audiences,
    List<String> jwsAlgorithms,
    String scopeClaim,
    String principalClaim,
    Map<String, String> scopeMapping,
    Duration clockSkew) {

  public JwtProperties {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
    jwsAlgorithms =
        jwsAlgorithms == null || jwsAlgorithms.isEmpty() ? List.of("RS256") : jwsAlgorithms;
    principalClaim = blank(principalClaim) ? "sub" : principalClaim;
    scopeClaim = blank(scopeClaim) ? null : scopeClaim;
    scopeMapping = scopeMapping == null ? Map.of() : Map.copyOf(scopeMapping);
    clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
  }

  /** Whether tokens are accepted at all. */
  public boolean enabled() {
    return !blank(issuerUri) || !blank(jwkSetUri) || publicKeyLocation != null;
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
