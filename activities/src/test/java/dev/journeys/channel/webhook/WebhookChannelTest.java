package dev.journeys.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.Topic;
import dev.journeys.signature.WebhookSignature;
import dev.journeys.testsupport.ChannelAdapterTestSupport;
import dev.journeys.testsupport.ProviderStub.Answer;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The webhook adapter: signed, verifiable posts; a refusal is permanent, an outage or a timeout is
 * retried.
 */
class WebhookChannelTest extends ChannelAdapterTestSupport {

  @Test
  void aWebhookPostIsSignedAndVerifiable() throws Exception {
    customer("h1");

    var outcome = sends.send(request("h1", "k-h1", Channel.WEBHOOK, Topic.TRANSACTIONAL));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(Channel.WEBHOOK, "k-h1"));
    var call = provider.last();
    assertThat(call.path()).isEqualTo("/hooks/journeys");
    assertThat(call.headers()).containsEntry("idempotency-key", "k-h1");
    String timestamp = call.headers().get("x-journeys-timestamp");
    String signature = call.headers().get("x-journeys-signature");
    assertThat(signature).startsWith("v1=");
    var verifier = new WebhookSignature(WEBHOOK_SECRET);
    assertThat(verifier.isValid(timestamp, signature, call.body(), Instant.now())).isTrue();
    assertThat(verifier.isValid(timestamp, signature, call.body() + " ", Instant.now())).isFalse();
    JsonNode body = json.readTree(call.body());
    assertThat(body.path("customerId").asText()).isEqualTo("h1");
    assertThat(body.path("text").asText()).contains("your cart (59.90)");
  }

  @Test
  void aWebhookRefusalIsPermanentAndAnOutageIsRetried() {
    customer("h2");
    provider.answer(r -> Answer.json(410, "gone"));
    var refused = sends.send(request("h2", "k-h2", Channel.WEBHOOK, Topic.TRANSACTIONAL));
    provider.answer(r -> Answer.json(500, "oops"));

    assertThat(refused).isEqualTo(new SendOutcome.Failed(Channel.WEBHOOK, "endpoint_rejected"));
    assertThatThrownBy(
            () -> sends.send(request("h2", "k-h2b", Channel.WEBHOOK, Topic.TRANSACTIONAL)))
        .isInstanceOf(ApplicationFailure.class);
  }

  @Test
  void aTimeoutIsRetried() {
    customer("h3");
    // the endpoint hangs until the test is over, far past the adapter's 3 s timeout
    var hang = new CountDownLatch(1);
    provider.answer(
        r -> {
          try {
            hang.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return Answer.json(200, "{}");
        });

    try {
      assertThatThrownBy(
              () -> sends.send(request("h3", "k-h3", Channel.WEBHOOK, Topic.TRANSACTIONAL)))
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.isNonRetryable()).isFalse();
                assertThat(f.getType()).isEqualTo(ProviderHttp.RETRYABLE);
              });
      assertThat(ledger.find("k-h3").orElseThrow().status()).isEqualTo(LedgerStatus.PENDING);
    } finally {
      hang.countDown();
    }
  }
}
