package dev.journeys.channel.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.customer.PushToken;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ChannelAdapterTestSupport;
import dev.journeys.testsupport.ProviderStub.Answer;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/**
 * The FCM HTTP v1 push adapter: the newest device token, unregistered tokens removed from the
 * profile, quota errors retried at the provider's Retry-After date.
 */
class FcmPushChannelTest extends ChannelAdapterTestSupport {

  @Test
  void pushGoesToTheNewestDeviceTokenInFcmV1Format() throws Exception {
    customer("p1");

    var outcome = sends.send(request("p1", "k-p1", Channel.PUSH, Topic.MARKETING));

    assertThat(outcome)
        .isEqualTo(new SendOutcome.Sent(Channel.PUSH, "projects/shop-app/messages/0:1500"));
    var call = provider.last();
    assertThat(call.path()).isEqualTo("/v1/projects/shop-app/messages:send");
    assertThat(call.headers()).containsEntry("authorization", "Bearer fcm-token");
    JsonNode message = json.readTree(call.body()).path("message");
    assertThat(message.path("token").asText()).isEqualTo("token-p1-new");
    assertThat(message.path("notification").path("title").asText())
        .isEqualTo("Your cart is waiting");
    assertThat(message.path("notification").path("body").asText()).contains("your cart (59.90)");
    assertThat(message.path("data").path("journeys_message_id").asText()).isEqualTo("k-p1");
  }

  @Test
  void anUnregisteredTokenIsRemovedFromTheProfileAndTheSendFails() {
    customer("p2");
    provider.answer(
        r ->
            Answer.json(
                404,
                """
        {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
          "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError",
                      "errorCode":"UNREGISTERED"}]}}"""));

    var outcome = sends.send(request("p2", "k-p2", Channel.PUSH, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Failed(Channel.PUSH, "unregistered_token"));
    var tokens = profiles.find("p2").orElseThrow().pushTokens();
    assertThat(tokens).extracting(PushToken::token).containsExactly("token-p2-old");
  }

  @Test
  void pushQuotaExceededWaitsUntilTheRetryAfterDate() {
    customer("p3");
    String in2Minutes =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
    provider.answer(
        r ->
            Answer.json(429, "{\"error\":{\"status\":\"RESOURCE_EXHAUSTED\"}}")
                .withHeader("Retry-After", in2Minutes));

    assertThatThrownBy(() -> sends.send(request("p3", "k-p3", Channel.PUSH, Topic.MARKETING)))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f ->
                assertThat(f.getNextRetryDelay())
                    .isBetween(Duration.ofSeconds(60), Duration.ofSeconds(121)));
  }
}
