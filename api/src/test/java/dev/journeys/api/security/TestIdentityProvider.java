package dev.journeys.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.Consumer;

/**
 * An identity provider for tests: an RSA key generated here, its public half served as a JWK set
 * from a loopback HTTP server, and tokens signed with it (or with a stranger's key).
 */
public final class TestIdentityProvider implements AutoCloseable {

  public static final String AUDIENCE = "journeys-api";

  private final RSAKey key;
  private final RSAKey stranger;
  private final HttpServer server;

  public TestIdentityProvider() {
    try {
      this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
      // the same key id: only the signature tells the two apart
      this.stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
      this.server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/jwks",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, jwks.length);
          exchange.getResponseBody().write(jwks);
          exchange.close();
        });
    // OpenID discovery, for a provider configured by its issuer alone
    server.createContext(
        "/issuer/.well-known/openid-configuration",
        exchange -> {
          byte[] document =
              ("{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + jwkSetUri() + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, document.length);
          exchange.getResponseBody().write(document);
          exchange.close();
        });
    server.start();
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
  }

  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  /** The public key as PEM, for {@code public-key-location}. */
  public String publicKeyPem() {
    try {
      return "-----BEGIN PUBLIC KEY-----\n"
          + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
              .encodeToString(key.toRSAPublicKey().getEncoded())
          + "\n-----END PUBLIC KEY-----\n";
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid token for the subject with these scopes (space-separated), changed by {@code edit}. */
  public String token(String subject, String scope, Consumer<JWTClaimsSet.Builder> edit) {
    return sign(key, claims(subject, scope, edit));
  }

  public String token(String subject, String scope) {
    return token(subject, scope, c -> {});
  }

  /** A token like {@link #token} but signed by another key under the same key id. */
  public String forged(String subject, String scope) {
    return sign(stranger, claims(subject, scope, c -> {}));
  }

  private JWTClaimsSet claims(String subject, String scope, Consumer<JWTClaimsSet.Builder> edit) {
    Instant now = Instant.now();
    var claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject(subject)
            .audience(AUDIENCE)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    if (scope != null) {
      claims.claim("scope", scope);
    }
    edit.accept(claims);
    return claims.build();
  }

  private static String sign(RSAKey with, JWTClaimsSet claims) {
    try {
      var jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
