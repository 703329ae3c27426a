package dev.journeys.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Access to the API under {@code journeys.security}.
 *
 * @param adminApiKey a key with every scope, from {@code JOURNEYS_ADMIN_API_KEY}: for automation
 *     and for creating the first keys; unset, only stored keys are accepted
 * @param allowDevSecrets accept the well-known development secrets of the local stack; never set
 *     this where the API is reachable by anyone else
 */
@ConfigurationProperties("journeys.security")
public record ApiSecurityProperties(String adminApiKey, boolean allowDevSecrets) {

  /** Shorter admin keys are refused at startup: they could be guessed. */
  public static final int MIN_ADMIN_KEY_LENGTH = 32;

  public boolean hasAdminApiKey() {
    return adminApiKey != null && !adminApiKey.isBlank();
  }
}
