package dev.journeys.api.security;

import dev.journeys.api.webhook.SmsWebhookProperties;
import dev.journeys.api.webhook.WebhookReceiverProperties;
import dev.journeys.unsubscribe.UnsubscribeProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start with a signing secret anyone could know: the local stack's well-known defaults,
 * an empty unsubscribe secret, or one too short to resist guessing. With such a secret anyone could
 * forge an unsubscribe link for any customer or an SMS {@code START} from any number. The local
 * stack sets {@code journeys.security.allow-dev-secrets=true}.
 *
 * <p>An empty provider secret is not an error: it switches that provider's webhook off (every
 * request refused), which is safe for a shop that does not use the provider.
 */
public final class SecretsCheck {

  private static final Logger log = LoggerFactory.getLogger(SecretsCheck.class);

  /**
   * The development defaults in {@code journeys-api.yml}, {@code journeys-worker.yml}, devstack.
   */
  static final Set<String> DEV_SECRETS = Set.of("local-dev-unsubscribe-secret", "local-dev-token");

  static final int MIN_UNSUBSCRIBE_SECRET_LENGTH = 32;
  static final int MIN_PROVIDER_SECRET_LENGTH = 16;

  private SecretsCheck() {}

  /** The check passed: the bean that proves it. Throws with every problem listed otherwise. */
  public static SecretsCheck verify(
      ApiSecurityProperties security,
      UnsubscribeProperties unsubscribe,
      SmsWebhookProperties sms,
      WebhookReceiverProperties webhooks) {
    check(security, unsubscribe, sms, webhooks);
    return new SecretsCheck();
  }

  /** Throws with every problem listed, unless development secrets are allowed. */
  public static void check(
      ApiSecurityProperties security,
      UnsubscribeProperties unsubscribe,
      SmsWebhookProperties sms,
      WebhookReceiverProperties webhooks) {
    if (security.allowDevSecrets()) {
      log.warn(
          "journeys.security.allow-dev-secrets is on: development secrets are accepted. Never"
              + " expose this API.");
      return;
    }
    List<String> problems = new ArrayList<>();
    if (unsubscribe.secret() == null || unsubscribe.secret().isBlank()) {
      problems.add("JOURNEYS_UNSUBSCRIBE_SECRET (journeys.unsubscribe.secret) is not set");
    } else {
      secret(
          problems,
          "JOURNEYS_UNSUBSCRIBE_SECRET (journeys.unsubscribe.secret)",
          unsubscribe.secret(),
          MIN_UNSUBSCRIBE_SECRET_LENGTH);
    }
    unsubscribe
        .previousSecrets()
        .forEach(
            (id, previous) ->
                secret(
                    problems,
                    "journeys.unsubscribe.previous-secrets." + id,
                    previous,
                    MIN_UNSUBSCRIBE_SECRET_LENGTH));
    String smsToken = sms == null ? null : sms.authToken();
    if (smsToken == null || smsToken.isBlank()) {
      log.warn(
          "No SMS provider auth token (JOURNEYS_CHANNELS_SMS_AUTH_TOKEN): inbound SMS (STOP/START)"
              + " on /v1/webhooks/sms/inbound is refused");
    } else {
      secret(
          problems,
          "JOURNEYS_CHANNELS_SMS_AUTH_TOKEN (journeys.webhooks.sms.auth-token)",
          smsToken,
          MIN_PROVIDER_SECRET_LENGTH);
    }
    if (webhooks != null) {
      if (webhooks.twilio() != null) {
        optional(problems, "journeys.webhooks.twilio.auth-token", webhooks.twilio().authToken());
      }
      if (webhooks.meta() != null) {
        optional(problems, "journeys.webhooks.meta.app-secret", webhooks.meta().appSecret());
      }
      if (webhooks.email() != null) {
        optional(problems, "journeys.webhooks.email.secret", webhooks.email().secret());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "Refusing to start with weak or development secrets:\n  - "
              + String.join("\n  - ", problems)
              + "\nSet real secrets (e.g. openssl rand -base64 32); only the local stack may set"
              + " journeys.security.allow-dev-secrets=true.");
    }
  }

  private static void optional(List<String> problems, String name, String value) {
    if (value != null && !value.isBlank()) {
      secret(problems, name, value, MIN_PROVIDER_SECRET_LENGTH);
    }
  }

  private static void secret(List<String> problems, String name, String value, int minLength) {
    if (DEV_SECRETS.contains(value.strip())) {
      problems.add(name + " is the local stack's development default");
    } else if (value.strip().length() < minLength) {
      problems.add(name + " is shorter than " + minLength + " characters");
    }
  }
}
