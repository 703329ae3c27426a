package dev.journeys.channel.helpdesk;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The helpdesk that takes human handoffs, spoken to in the shape of Zendesk's Tickets API.
 * Authenticate with either {@code username} + {@code apiToken} (basic, Zendesk's {@code
 * user/token:secret} form) or a {@code bearerToken} (OAuth).
 *
 * @param baseUrl e.g. {@code https://shop.zendesk.com}; a local server in tests
 */
@ConfigurationProperties("journeys.channels.helpdesk")
public record HelpdeskProperties(
    URI baseUrl,
    String username,
    String apiToken,
    String bearerToken,
    @DefaultValue("10s") Duration timeout) {

  /** Fails with the setting's name when the helpdesk cannot be called as configured. */
  public HelpdeskProperties validated() {
    if (baseUrl == null) {
      throw new IllegalStateException(
          "no helpdesk configured: set journeys.channels.helpdesk.base-url");
    }
    boolean basic = notBlank(username) && notBlank(apiToken);
    if (!basic && !notBlank(bearerToken)) {
      throw new IllegalStateException(
          "helpdesk needs journeys.channels.helpdesk.username and api-token, or bearer-token");
    }
    return this;
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}
