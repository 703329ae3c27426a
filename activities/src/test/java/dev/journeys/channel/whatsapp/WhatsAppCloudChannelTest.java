package dev.journeys.channel.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ChannelAdapterTestSupport;
import dev.journeys.testsupport.ProviderStub.Answer;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The WhatsApp Cloud API adapter: free text inside the 24-hour service window, an approved template
 * outside it, and the provider's errors classified as permanent or retryable.
 */
class WhatsAppCloudChannelTest extends ChannelAdapterTestSupport {

  @Test
  void whatsAppSendsFreeTextWithinTheServiceWindow() throws Exception {
    customer("wa1");
    activity.recordInbound("wa1", Channel.WHATSAPP, Instant.now().minus(Duration.ofHours(2)));

    var outcome = sends.send(request("wa1", "k-wa1", Channel.WHATSAPP, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(Channel.WHATSAPP, "wamid.HBgL1"));
    var call = provider.last();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/v21.0/106540352242922/messages");
    assertThat(call.headers()).containsEntry("authorization", "Bearer wa-token");
    assertThat(call.headers().get("content-type")).startsWith("application/json");
    JsonNode body = json.readTree(call.body());
    assertThat(body.path("messaging_product").asText()).isEqualTo("whatsapp");
    assertThat(body.path("to").asText()).isEqualTo("15551230001");
    assertThat(body.path("type").asText()).isEqualTo("text");
    assertThat(body.path("text").path("body").asText())
        .isEqualTo("Wa1, last call: your cart (59.90) is waiting.");
  }

  @Test
  void whatsAppSendsTheApprovedTemplateOutsideTheWindow() throws Exception {
    customer("wa2");
    activity.recordInbound("wa2", Channel.WHATSAPP, Instant.now().minus(Duration.ofHours(25)));

    var outcome = sends.send(request("wa2", "k-wa2", Channel.WHATSAPP, Topic.MARKETING));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    JsonNode body = json.readTree(provider.last().body());
    assertThat(body.path("type").asText()).isEqualTo("template");
    assertThat(body.path("template").path("name").asText()).isEqualTo("cart_last_call");
    assertThat(body.path("template").path("language").path("code").asText()).isEqualTo("en");
    JsonNode parameters = body.path("template").path("components").path(0).path("parameters");
    assertThat(parameters.findValuesAsText("text")).containsExactly("Wa2", "59.90");
  }

  @Test
  void whatsAppWithoutAnApprovedTemplateFailsOutsideTheWindowWithoutCallingTheProvider() {
    customer("wa3");

    var outcome =
        sends.send(
            new SendRequest(
                "k-wa3",
                "wa3",
                "test",
                "s",
                Channel.WHATSAPP,
                Topic.MARKETING,
                "cart-reminder-wa-free",
                Map.of()));

    // no template at all for this key: a template error; the provider is never called
    assertThat(outcome).isInstanceOf(SendOutcome.Failed.class);
    assertThat(provider.received()).isEmpty();
  }

  @Test
  void whatsAppRejectingTheTemplateIsPermanent() {
    customer("wa4");
    provider.answer(
        r ->
            Answer.json(
                400,
                "{\"error\":{\"message\":\"(#132001) Template name does not"
                    + " exist in the translation\",\"type\":\"OAuthException\",\"code\":132001}}"));

    var outcome = sends.send(request("wa4", "k-wa4", Channel.WHATSAPP, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.WHATSAPP, "bad_template"));
    assertThat(ledger.find("k-wa4").orElseThrow().status()).isEqualTo(LedgerStatus.FAILED);
  }

  @Test
  void whatsAppRateLimitIsRetriedAfterRetryAfter() {
    customer("wa5");
    provider.answer(
        r -> Answer.json(429, "{\"error\":{\"code\":130429}}").withHeader("Retry-After", "30"));

    assertThatThrownBy(() -> sends.send(request("wa5", "k-wa5", Channel.WHATSAPP, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(ProviderHttp.RATE_LIMITED);
              assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
            });
    assertThat(ledger.find("k-wa5").orElseThrow().status()).isEqualTo(LedgerStatus.PENDING);
  }

  @Test
  void whatsAppThrottlingReportedInTheBodyIsRetried() {
    customer("wa6");
    provider.answer(
        r -> Answer.json(400, "{\"error\":{\"message\":\"Spam rate limit hit\",\"code\":131048}}"));

    assertThatThrownBy(() -> sends.send(request("wa6", "k-wa6", Channel.WHATSAPP, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isFalse());
  }

  @Test
  void aServerErrorIsRetried() {
    customer("wa7");
    provider.answer(r -> Answer.json(503, "{}"));

    assertThatThrownBy(() -> sends.send(request("wa7", "k-wa7", Channel.WHATSAPP, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isFalse();
              assertThat(f.getType()).isEqualTo(ProviderHttp.RETRYABLE);
            });
  }
}
