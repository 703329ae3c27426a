package dev.journeys.api;

/**
 * Signing secrets for API tests: the API refuses to start with the local stack's development
 * defaults, as it would in production.
 */
public final class TestSecrets {

  private TestSecrets() {}

  public static final String UNSUBSCRIBE =
      "journeys.unsubscribe.secret=test-unsubscribe-secret-0123456789abcdef";
  public static final String SMS =
      "journeys.webhooks.sms.auth-token=test-sms-auth-token-0123456789";
}
