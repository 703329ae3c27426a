package dev.journeys.channel.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.channel.ServiceWindow;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;

/**
 * Messenger and Instagram Direct through Meta's Send API: {@code POST {base}/{version}/me/messages}
 * to a page-scoped id. Within 24 hours of the customer's last message it is a {@code RESPONSE};
 * outside, only a transactional message with the configured message tag may go, anything else fails
 * for good.
 */
public class MetaSendApiChannel implements ChannelSender {

  private final Channel channel;
  private final SendApiProperties properties;
  private final ServiceWindow window;
  private final ObjectMapper json;
  private final GraphApi graphApi;

  public MetaSendApiChannel(
      Channel channel,
      SendApiProperties properties,
      ServiceWindow window,
      ObjectMapper json,
      Clock clock) {
    if (channel != Channel.MESSENGER && channel != Channel.INSTAGRAM) {
      throw new IllegalArgumentException(
          "the Send API serves Messenger and Instagram, not " + channel);
    }
    if (properties.pageAccessToken() == null || properties.pageAccessToken().isBlank()) {
      throw new IllegalStateException(
          "set journeys.channels."
              + channel.name().toLowerCase(Locale.ROOT)
              + ".page-access-token");
    }
    this.channel = channel;
    this.properties = properties;
    this.window = window;
    this.json = json;
    this.graphApi =
        new GraphApi(
            new ProviderHttp("Meta Send API (" + channel + ")", properties.timeout(), clock), json);
  }

  @Override
  public Channel channel() {
    return channel;
  }

  @Override
  public java.time.Duration longestAttempt() {
    return graphApi.longestCall();
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    ObjectNode body = json.createObjectNode();
    body.putObject("recipient").put("id", message.recipient());
    if (window.isOpen(message.customerId(), channel)) {
      body.put("messaging_type", "RESPONSE");
    } else if (message.topic() == Topic.TRANSACTIONAL && properties.messageTag() != null) {
      body.put("messaging_type", "MESSAGE_TAG");
      body.put("tag", properties.messageTag());
    } else {
      throw new PermanentDeliveryFailure(
          "outside_service_window",
          "the customer has not written within 24 hours; only transactional messages with a"
              + " message tag may be sent");
    }
    body.putObject("message").put("text", message.content().text());
    URI uri = properties.baseUrl().resolve("/" + properties.apiVersion() + "/me/messages");
    return messageId(
        graphApi.post(
            uri,
            properties.pageAccessToken(),
            body,
            (status, error) ->
                new PermanentDeliveryFailure(
                    reason(error),
                    channel
                        + " answered "
                        + status
                        + " (code "
                        + error.code()
                        + "/"
                        + error.subcode()
                        + "): "
                        + error.message())));
  }

  /** Send API errors a journey can act on. */
  private static String reason(GraphApiError error) {
    if (error.code() == 10 && error.subcode() == 2018278) {
      return "outside_service_window";
    }
    if (error.code() == 551 || error.subcode() == 1545041) {
      return "undeliverable"; // the person is not available right now / blocked the page
    }
    if (error.code() == 100 && error.subcode() == 2018001) {
      return "invalid_recipient";
    }
    if (error.code() == 190) {
      return "provider_auth_failed";
    }
    return "provider_rejected";
  }

  private String messageId(String body) {
    try {
      JsonNode id = json.readTree(body).path("message_id");
      if (id.isMissingNode() || id.asText().isBlank()) {
        throw new IllegalStateException("Send API answer has no message_id: " + body);
      }
      return id.asText();
    } catch (IOException e) {
      throw new IllegalStateException("Send API answer is not JSON: " + body, e);
    }
  }
}
