package dev.journeys.api.webhook;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Secrets for verifying providers' status callbacks on {@code /v1/webhooks/{provider}/status}. A
 * provider without its secret is not accepted (404).
 *
 * @param publicBaseUrl the API's address as providers call it (behind proxies); Twilio signs the
 *     full URL it called. Unset: the URL of the request as received.
 */
@ConfigurationProperties("journeys.webhooks")
public record WebhookReceiverProperties(URI publicBaseUrl, Twilio twilio, Meta meta, Email email) {

  /**
   * @param authToken the account's auth token, which signs {@code X-Twilio-Signature}
   */
  public record Twilio(String authToken) {}

  /**
   * @param appSecret the app secret, which signs {@code X-Hub-Signature-256}
   * @param verifyToken the token Meta echoes when subscribing the callback URL
   */
  public record Meta(String appSecret, String verifyToken) {}

  /**
   * @param secret the shared secret of the email provider's (Journeys-signed) callbacks
   */
  public record Email(String secret) {}
}
