package dev.journeys.channel.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.channel.ServiceWindow;
import dev.journeys.channel.meta.GraphApi;
import dev.journeys.channel.meta.GraphApiError;
import dev.journeys.channel.sms.PhoneNumbers;
import dev.journeys.messaging.Channel;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * WhatsApp through the Business Cloud API: {@code POST {base}/{version}/{phone-number-id}/messages}
 * with a bearer token. Within 24 hours of the customer's last message the rendered text is sent as
 * is; outside that window only the template's approved WhatsApp template (its {@code Template:} and
 * {@code Param:} lines) may be sent, and without one the send fails for good.
 */
public class WhatsAppCloudChannel implements ChannelSender {

  private final WhatsAppProperties properties;
  private final ServiceWindow window;
  private final ObjectMapper json;
  private final GraphApi graphApi;

  public WhatsAppCloudChannel(
      WhatsAppProperties properties, ServiceWindow window, ObjectMapper json, Clock clock) {
    require(properties.phoneNumberId(), "phone-number-id");
    require(properties.accessToken(), "access-token");
    this.properties = properties;
    this.window = window;
    this.json = json;
    this.graphApi =
        new GraphApi(new ProviderHttp("WhatsApp Cloud API", properties.timeout(), clock), json);
  }

  @Override
  public Channel channel() {
    return Channel.WHATSAPP;
  }

  @Override
  public java.time.Duration longestAttempt() {
    return graphApi.longestCall();
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    if (!PhoneNumbers.isE164(message.recipient())) {
      throw new PermanentDeliveryFailure(
          "invalid_number", "'" + message.recipient() + "' is not an E.164 number");
    }
    ObjectNode body = json.createObjectNode();
    body.put("messaging_product", "whatsapp");
    body.put("recipient_type", "individual");
    body.put("to", message.recipient().substring(1));
    if (window.isOpen(message.customerId(), Channel.WHATSAPP)) {
      body.put("type", "text");
      body.putObject("text").put("preview_url", false).put("body", message.content().text());
    } else if (message.content().providerTemplate() != null) {
      body.put("type", "template");
      ObjectNode template = body.putObject("template");
      template.put("name", message.content().providerTemplate());
      template.putObject("language").put("code", languageCode(message.content().templateLocale()));
      if (!message.content().providerParams().isEmpty()) {
        var parameters =
            template.putArray("components").addObject().put("type", "body").putArray("parameters");
        message
            .content()
            .providerParams()
            .forEach(p -> parameters.addObject().put("type", "text").put("text", p));
      }
    } else {
      throw new PermanentDeliveryFailure(
          "outside_service_window",
          "the customer has not written within 24 hours and the template has no approved"
              + " WhatsApp template (add 'Template:' and 'Param:' lines)");
    }
    URI uri =
        properties
            .baseUrl()
            .resolve(
                "/" + properties.apiVersion() + "/" + properties.phoneNumberId() + "/messages");
    return messageId(
        graphApi.post(
            uri,
            properties.accessToken(),
            body,
            (status, error) ->
                new PermanentDeliveryFailure(
                    reason(error),
                    "WhatsApp answered "
                        + status
                        + " (code "
                        + error.code()
                        + "): "
                        + error.message())));
  }

  /** WhatsApp Cloud API error codes a journey can act on. */
  private static String reason(GraphApiError error) {
    return switch (error.code()) {
      case 131047 -> "outside_service_window"; // re-engagement message
      case 131050 -> "unsubscribed"; // the user stopped marketing messages
      case 131026, 131021 -> "undeliverable";
      case 131030 -> "recipient_not_allowed";
      case 132000, 132001, 132005, 132007, 132012, 132015, 132016 -> "bad_template";
      case 190 -> "provider_auth_failed";
      default -> "provider_rejected";
    };
  }

  /** WhatsApp names languages like {@code en} or {@code en_US}. */
  private static String languageCode(String locale) {
    return locale == null ? "en" : locale.replace('-', '_');
  }

  private String messageId(String body) {
    try {
      JsonNode id = json.readTree(body).path("messages").path(0).path("id");
      if (id.isMissingNode() || id.asText().isBlank()) {
        throw new IllegalStateException("WhatsApp answer has no message id: " + body);
      }
      return id.asText();
    } catch (IOException e) {
      throw new IllegalStateException("WhatsApp answer is not JSON: " + body, e);
    }
  }

  private static void require(String value, String key) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("set journeys.channels.whatsapp." + key);
    }
  }
}
