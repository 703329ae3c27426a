package dev.journeys.unsubscribe;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One-click unsubscribe links (RFC 8058) under {@code journeys.unsubscribe}; the worker signs them
 * into marketing emails, the API verifies them.
 *
 * <p>Rotating the key: give the new secret a new {@code key-id}, and keep the old secret under
 * {@code previous-secrets.<old key id>} on the API until the last link signed with it has expired
 * ({@code valid-for}); new links are signed with the new key, old ones keep working.
 *
 * @param baseUrl the API as recipients reach it, e.g. {@code https://journeys.shop.example}
 * @param secret the current HMAC-SHA256 key; without it no link is signed and no header is added
 * @param validFor how long a link works after the email was sent
 * @param keyId the current key's id, carried in every token it signs
 * @param previousSecrets retired keys by id, still accepted for verification
 */
@ConfigurationProperties("journeys.unsubscribe")
public record UnsubscribeProperties(
    String baseUrl,
    String secret,
    @DefaultValue("60d") Duration validFor,
    @DefaultValue("1") String keyId,
    Map<String, String> previousSecrets) {

  @ConstructorBinding
  public UnsubscribeProperties {
    previousSecrets = previousSecrets == null ? Map.of() : Map.copyOf(previousSecrets);
  }

  /** The current key only, with id {@code 1}. */
  public UnsubscribeProperties(String baseUrl, String secret, Duration validFor) {
    this(baseUrl, secret, validFor, "1", Map.of());
  }

  public boolean configured() {
    return baseUrl != null && !baseUrl.isBlank() && secret != null && !secret.isBlank();
  }
}
