package dev.journeys.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.api.JourneysApiApplication;
import dev.journeys.api.webhook.SmsWebhookProperties;
import dev.journeys.api.webhook.WebhookReceiverProperties;
import dev.journeys.testsupport.TestDatabase;
import dev.journeys.unsubscribe.UnsubscribeProperties;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;

class SecretsCheckTest {

  private static final String STRONG = "0123456789abcdef0123456789abcdef";
  private static final ApiSecurityProperties PRODUCTION = new ApiSecurityProperties(null, false);

  @Test
  void theApiRefusesToStartWithTheShippedDevelopmentSecrets() {
    var api = JourneysApiApplication.builder().web(WebApplicationType.NONE);
    // command-line arguments: they override journeys-api.yml, as the environment would
    String[] args = {
      "--spring.temporal.test-server.enabled=true",
      "--spring.datasource.url=" + TestDatabase.newDatabase(),
      "--spring.datasource.username=postgres",
      "--spring.datasource.password=postgres"
    };

    assertThatThrownBy(() -> api.run(args).close())
        .rootCause()
        .hasMessageContaining("Refusing to start")
        .hasMessageContaining("JOURNEYS_UNSUBSCRIBE_SECRET (journeys.unsubscribe.secret) is the")
        .hasMessageContaining("JOURNEYS_CHANNELS_SMS_AUTH_TOKEN");
  }

  @Test
  void listsEveryWeakSecret() {
    var webhooks =
        new WebhookReceiverProperties(
            null,
            new WebhookReceiverProperties.Twilio("short"),
            new WebhookReceiverProperties.Meta("local-dev-token", "verify"),
            new WebhookReceiverProperties.Email(STRONG));

    assertThatThrownBy(
            () ->
                SecretsCheck.check(
                    PRODUCTION,
                    new UnsubscribeProperties(
                        "https://shop.test",
                        "too-short-for-hmac",
                        Duration.ofDays(1),
                        "2",
                        Map.of("1", "local-dev-unsubscribe-secret")),
                    new SmsWebhookProperties("", null),
                    webhooks))
        .hasMessageContaining("journeys.unsubscribe.secret) is shorter than 32")
        .hasMessageContaining("previous-secrets.1 is the local stack's development default")
        .hasMessageContaining("twilio.auth-token is shorter than 16")
        .hasMessageContaining("meta.app-secret is the local stack's development default")
        .message()
        .doesNotContain("email.secret");
  }

  @Test
  void refusesAMissingUnsubscribeSecret() {
    assertThatThrownBy(
            () ->
                SecretsCheck.check(
                    PRODUCTION,
                    new UnsubscribeProperties("https://shop.test", " ", Duration.ofDays(1)),
                    new SmsWebhookProperties(STRONG, null),
                    new WebhookReceiverProperties(null, null, null, null)))
        .hasMessageContaining(
            "JOURNEYS_UNSUBSCRIBE_SECRET (journeys.unsubscribe.secret) is not set");
  }

  @Test
  void acceptsStrongSecretsAndUnusedProviders() {
    assertThatCode(
            () ->
                SecretsCheck.check(
                    PRODUCTION,
                    new UnsubscribeProperties("https://shop.test", STRONG, Duration.ofDays(1)),
                    new SmsWebhookProperties(null, null),
                    new WebhookReceiverProperties(
                        null, new WebhookReceiverProperties.Twilio(""), null, null)))
        .doesNotThrowAnyException();
  }

  @Test
  void theLocalStackMayUseItsDevelopmentSecrets() {
    assertThat(
            SecretsCheck.verify(
                new ApiSecurityProperties(null, true),
                new UnsubscribeProperties(
                    "http://127.0.0.1:8080", "local-dev-unsubscribe-secret", Duration.ofDays(1)),
                new SmsWebhookProperties("local-dev-token", null),
                null))
        .isNotNull();
  }
}
