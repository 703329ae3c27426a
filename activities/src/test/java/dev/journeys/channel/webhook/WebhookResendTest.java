package dev.journeys.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.customer.Consent;
import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ChannelTestApp;
import dev.journeys.testsupport.ProviderStub;
import dev.journeys.testsupport.ProviderStub.Answer;
import dev.journeys.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The webhook channel is the one whose receiver can drop repeats: a resend after an attempt that
 * got no answer carries the same {@code Idempotency-Key} and the same body, and the shop can choose
 * at least once for promotional webhooks too.
 */
@SpringBootTest(classes = ChannelTestApp.class)
class WebhookResendTest {

  static final ProviderStub receiver = new ProviderStub();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
    registry.add("journeys.channels.email.from", () -> "Shop <shop@journeys.test>");
    registry.add("journeys.channels.email.message-id-domain", () -> "journeys.test");
    // SMS settings are validated whether or not SMS is used
    registry.add("journeys.channels.sms.account-sid", () -> "AC123");
    registry.add("journeys.channels.sms.auth-token", () -> "sms-token");
    registry.add("journeys.channels.sms.from", () -> "+15550000000");
    registry.add("journeys.channels.webhook.url", () -> receiver.baseUrl() + "/hooks/journeys");
    registry.add("journeys.channels.webhook.secret", () -> "whsec-test");
    // long enough for a cold request on a loaded machine, short enough for a quick test
    registry.add("journeys.channels.webhook.timeout", () -> "3s");
    registry.add("journeys.delivery-semantics.channels.webhook.promotional", () -> "at-least-once");
  }

  @AfterAll
  static void stop() {
    receiver.close();
  }

  @Autowired SendActivities sends;
  @Autowired CustomerProfiles profiles;

  @Test
  void aResendAfterNoAnswerCarriesTheSameIdempotencyKeyAndBody() throws Exception {
    profiles.save(
        new Customer(
            "hana",
            "hana@shop.test",
            null,
            "Europe/Berlin",
            "en",
            "Hana",
            Set.of(
                new Consent(Channel.WEBHOOK, Topic.MARKETING, ConsentStatus.GRANTED, null, null)),
            null),
        "test");
    var request =
        new SendRequest(
            "k-hana",
            "hana",
            "abandoned-cart",
            "cart-last-call",
            Channel.WEBHOOK,
            Topic.MARKETING,
            "cart-last-call",
            Map.of("cartTotal", "59.90"));
    receiver.answer(
        call -> {
          if (receiver.received().size() == 1) {
            sleep(4_000); // past the 3 s timeout: the first attempt gets no answer
          }
          return Answer.json(200, "{\"id\":\"inbox-1\"}");
        });

    var noAnswer = catchThrowableOfType(ApplicationFailure.class, () -> sends.send(request));
    var resent = sends.send(request);

    assertThat(noAnswer.isNonRetryable()).isFalse();
    assertThat(resent).isEqualTo(new SendOutcome.Sent(Channel.WEBHOOK, "inbox-1"));
    var calls = receiver.received();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).headers().get("idempotency-key"))
        .isEqualTo(calls.get(0).headers().get("idempotency-key"))
        .isEqualTo("k-hana");
    var json = new ObjectMapper();
    assertThat(json.readTree(calls.get(1).body())).isEqualTo(json.readTree(calls.get(0).body()));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
