package dev.journeys.channel.meta;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.Topic;
import dev.journeys.testsupport.ChannelAdapterTestSupport;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Send API adapter for Messenger and Instagram: replies inside the service window, the message
 * tag for transactional messages outside it, marketing outside it refused.
 */
class MetaSendApiChannelTest extends ChannelAdapterTestSupport {

  @Test
  void messengerRespondsWithinTheWindow() throws Exception {
    customer("fb1");
    activity.recordInbound("fb1", Channel.MESSENGER, Instant.now().minus(Duration.ofMinutes(5)));

    var outcome = sends.send(request("fb1", "k-fb1", Channel.MESSENGER, Topic.MARKETING));

    assertThat(outcome).isEqualTo(new SendOutcome.Sent(Channel.MESSENGER, "m_1"));
    var call = provider.last();
    assertThat(call.path()).isEqualTo("/v21.0/me/messages");
    assertThat(call.headers()).containsEntry("authorization", "Bearer page-token");
    JsonNode body = json.readTree(call.body());
    assertThat(body.path("recipient").path("id").asText()).isEqualTo("psid-fb1");
    assertThat(body.path("messaging_type").asText()).isEqualTo("RESPONSE");
    assertThat(body.path("message").path("text").asText()).contains("your cart (59.90)");
  }

  @Test
  void messengerUsesTheMessageTagForTransactionalMessagesOutsideTheWindow() throws Exception {
    customer("fb2");

    sends.send(request("fb2", "k-fb2", Channel.MESSENGER, Topic.TRANSACTIONAL));

    JsonNode body = json.readTree(provider.last().body());
    assertThat(body.path("messaging_type").asText()).isEqualTo("MESSAGE_TAG");
    assertThat(body.path("tag").asText()).isEqualTo("POST_PURCHASE_UPDATE");
  }

  @Test
  void marketingOutsideTheWindowFailsForGoodOnInstagram() {
    customer("ig1");

    var outcome = sends.send(request("ig1", "k-ig1", Channel.INSTAGRAM, Topic.MARKETING));

    assertThat(outcome)
        .isEqualTo(new SendOutcome.Failed(Channel.INSTAGRAM, "outside_service_window"));
    assertThat(provider.received()).isEmpty();
  }

  @Test
  void instagramSendsToTheInstagramScopedId() throws Exception {
    customer("ig2");
    activity.recordInbound("ig2", Channel.INSTAGRAM, Instant.now().minus(Duration.ofHours(1)));

    var outcome = sends.send(request("ig2", "k-ig2", Channel.INSTAGRAM, Topic.MARKETING));

    assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
    assertThat(provider.last().headers()).containsEntry("authorization", "Bearer ig-token");
    assertThat(json.readTree(provider.last().body()).path("recipient").path("id").asText())
        .isEqualTo("igsid-ig2");
  }
}
