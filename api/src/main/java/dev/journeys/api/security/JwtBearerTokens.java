package dev.journeys.api.security;

import java.io.IOException;
import java.io.InputStream;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * Authenticates an identity provider's JWT ({@link JwtProperties}): signature, issuer, audience and
 * expiry checked, the scopes read from the configured claim and mapped onto the API's, the caller
 * named by the subject (or the configured claim). The result is an {@link ApiPrincipal} like an API
 * key's, so every endpoint's rule and audit trail treats both alike.
 */
final class JwtBearerTokens {

  /** What a rejected token gets told: the reason, never the token's content. */
  record Rejection(String reason) {}

  /** The token's principal, or why it was refused. */
  record Outcome(Optional<ApiPrincipal> principal, Rejection rejection) {}

  private static final Logger log = LoggerFactory.getLogger(JwtBearerTokens.class);

  /**
   * Three base64url parts: a signed JWT (JWS), never an API key ({@code jk_...} or the admin's).
   */
  private static final Pattern JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

  /** A principal name is written to audit trails: printable, bounded. */
  private static final Pattern PRINCIPAL = Pattern.compile("[\\p{Graph}]{1,200}");

  private static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  private final JwtDecoder decoder;
  private final JwtProperties properties;

  JwtBearerTokens(JwtDecoder decoder, JwtProperties properties) {
    this.decoder = decoder;
    this.properties = properties;
  }

  /** The decoder the properties describe; fails the startup if they are incomplete. */
  static JwtBearerTokens from(JwtProperties properties) {
    if (JwtProperties.blank(properties.issuerUri())) {
      throw new IllegalStateException(
          "journeys.security.jwt.issuer-uri must be set when JWTs are accepted: every token's"
              + " issuer is checked");
    }
    if (properties.audiences().isEmpty()) {
      throw new IllegalStateException(
          "journeys.security.jwt.audiences must be set when JWTs are accepted: a token issued for"
              + " another application must not open this API");
    }
    NimbusJwtDecoder decoder;
    if (!JwtProperties.blank(properties.jwkSetUri())) {
      decoder =
          NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
              .jwsAlgorithms(algorithms -> algorithms.addAll(algorithms(properties)))
              .restOperations(boundedHttp())
              .build();
    } else if (properties.publicKeyLocation() != null) {
      decoder =
          NimbusJwtDecoder.withPublicKey(publicKey(properties))
              .signatureAlgorithm(algorithms(properties).getFirst())
              .build();
    } else {
      // the discovery document is read on the first token, so the API starts without the provider
      decoder =
          NimbusJwtDecoder.withIssuerLocation(properties.issuerUri())
              .jwsAlgorithms(algorithms -> algorithms.addAll(algorithms(properties)))
              .restOperations(boundedHttp())
              .build();
    }
    decoder.setJwtValidator(validator(properties));
    return new JwtBearerTokens(decoder, properties);
  }

  /**
   * The provider's keys are fetched while a request waits (first token, unknown key id): a provider
   * that hangs must not hold the API's request threads (RestTemplate's default waits forever).
   */
  private static RestTemplate boundedHttp() {
    var factory = new SimpleClientHttpRequestFactory();
    factory.setConnectTimeout(FETCH_TIMEOUT);
    factory.setReadTimeout(FETCH_TIMEOUT);
    return new RestTemplate(factory);
  }

  /** Whether the bearer value is a JWT rather than an API key. */
  static boolean looksLikeJwt(String token) {
    return token.length() <= MAX_TOKEN_LENGTH && JWS.matcher(token).matches();
  }

  Outcome authenticate(String token) {
    Jwt jwt;
    try {
      jwt = decoder.decode(token);
    } catch (BadJwtException e) {
      return rejected("the bearer token (JWT) is invalid: " + reason(e));
    } catch (JwtException e) {
      // the provider's keys could not be fetched: refused, and worth a look in the logs
      log.warn("a JWT could not be verified: {}", e.getMessage());
      return rejected("the bearer token (JWT) could not be verified");
    }
    Object name = jwt.getClaims().get(properties.principalClaim());
    if (!(name instanceof String principal) || !PRINCIPAL.matcher(principal).matches()) {
      return rejected(
          "the bearer token (JWT) has no usable '" + properties.principalClaim() + "' claim");
    }
    return new Outcome(Optional.of(ApiPrincipal.ofToken(principal, scopes(jwt))), null);
  }

  /** The API scopes a token grants: its scope claim's values, mapped. */
  Set<Scope> scopes(Jwt jwt) {
    List<String> granted = new ArrayList<>();
    if (properties.scopeClaim() != null) {
      granted.addAll(values(jwt.getClaims().get(properties.scopeClaim())));
    } else {
      granted.addAll(values(jwt.getClaims().get("scope")));
      granted.addAll(values(jwt.getClaims().get("scp")));
    }
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String value : granted) {
      if (properties.scopeMapping().isEmpty()) {
        Scope.of(value).ifPresent(scopes::add);
      } else if (properties.scopeMapping().containsKey(value)) {
        for (String api : properties.scopeMapping().get(value).split("[\\s,]+")) {
          Scope.of(api.strip()).ifPresent(scopes::add);
        }
      }
    }
    return scopes;
  }

  private static List<String> values(Object claim) {
    if (claim instanceof String text) {
      return List.of(text.strip().split("\\s+"));
    }
    if (claim instanceof Collection<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }
    return List.of();
  }

  private static Outcome rejected(String reason) {
    return new Outcome(Optional.empty(), new Rejection(reason));
  }

  /** Spring's messages name the failed check ("Jwt expired at ...", "The aud claim ..."). */
  private static String reason(JwtException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.contains("expired")) {
      return "expired";
    }
    if (message.contains("exp claim")) {
      return "it has no expiry (exp)";
    }
    if (message.contains(JwtClaimNames.AUD)) {
      return "not issued for this API (audience)";
    }
    if (message.contains(JwtClaimNames.ISS)) {
      return "not issued by the configured issuer";
    }
    if (message.toLowerCase().contains("signature")) {
      return "its signature does not verify";
    }
    return "malformed or not verifiable";
  }

  private static OAuth2TokenValidator<Jwt> validator(JwtProperties properties) {
    List<String> audiences = properties.audiences();
    return new DelegatingOAuth2TokenValidator<>(
        new JwtTimestampValidator(properties.clockSkew()),
        new JwtIssuerValidator(properties.issuerUri()),
        new JwtClaimValidator<List<String>>(
            JwtClaimNames.AUD, aud -> aud != null && aud.stream().anyMatch(audiences::contains)),
        // the timestamp check passes a token without exp: such a token would be valid forever
        new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
  }

  private static List<SignatureAlgorithm> algorithms(JwtProperties properties) {
    return properties.jwsAlgorithms().stream()
        .map(
            name -> {
              var algorithm = SignatureAlgorithm.from(name);
              if (algorithm == null) {
                throw new IllegalStateException(
                    "journeys.security.jwt.jws-algorithms: unknown algorithm " + name);
              }
              return algorithm;
            })
        .toList();
  }

  private static RSAPublicKey publicKey(JwtProperties properties) {
    try (InputStream in = properties.publicKeyLocation().getInputStream()) {
      return RsaKeyConverters.x509().convert(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "journeys.security.jwt.public-key-location: not a readable RSA public key (PEM): "
              + properties.publicKeyLocation(),
          e);
    }
  }
}
