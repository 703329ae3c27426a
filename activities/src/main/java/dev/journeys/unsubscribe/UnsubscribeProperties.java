package dev.journeys.unsubscribe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One-click unsubscribe links (RFC 8058) under {@code journeys.unsubscribe}; the worker signs them
 * into marketing emails, the API verifies them.
 *
 * @param baseUrl the API as recipients reach it, e.g. {@code https://journeys.shop.example}
 * @param secret the HMAC-SHA256 key; without it no link is signed and no header is added
 * @param validFor how long a link works after the email was sent
 */
@ConfigurationProperties("journeys.unsubscribe")
public record UnsubscribeProperties(
    String baseUrl, String secret, @DefaultValue("60d") Duration validFor) {

  public boolean configured() {
    return baseUrl != null && !baseUrl.isBlank() && secret != null && !secret.isBlank();
  }
}
