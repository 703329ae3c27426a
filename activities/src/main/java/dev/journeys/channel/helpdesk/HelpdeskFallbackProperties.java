package dev.journeys.channel.helpdesk;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where handoffs go when no helpdesk is configured (the default stack has none): a support mailbox,
 * reached through the email channel.
 *
 * @param email e.g. {@code support@shop.example}; none: a handoff without a helpdesk is recorded as
 *     failed and the journey goes on
 */
@ConfigurationProperties("journeys.channels.helpdesk.fallback")
public record HelpdeskFallbackProperties(String email) {

  public boolean configured() {
    return email != null && !email.isBlank();
  }
}
