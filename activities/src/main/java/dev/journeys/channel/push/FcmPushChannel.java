package dev.journeys.channel.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.customer.PushTokens;
import dev.journeys.messaging.Channel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Push through FCM HTTP v1: {@code POST {base}/v1/projects/{project}/messages:send} with a bearer
 * token, to the device token the profile registered last. A token FCM reports {@code UNREGISTERED}
 * (the app was uninstalled) is removed from the profile and the send fails for good, so the journey
 * can fall back to another channel.
 */
public class FcmPushChannel implements ChannelSender {

  private static final Logger log = LoggerFactory.getLogger(FcmPushChannel.class);

  private final FcmProperties properties;
  private final PushTokens tokens;
  private final ObjectMapper json;
  private final ProviderHttp http;

  public FcmPushChannel(
      FcmProperties properties, PushTokens tokens, ObjectMapper json, Clock clock) {
    if (properties.projectId() == null || properties.projectId().isBlank()) {
      throw new IllegalStateException("set journeys.channels.push.project-id");
    }
    if (properties.accessToken() == null || properties.accessToken().isBlank()) {
      throw new IllegalStateException("set journeys.channels.push.access-token");
    }
    this.properties = properties;
    this.tokens = tokens;
    this.json = json;
    this.http = new ProviderHttp("FCM", properties.timeout(), clock);
  }

  @Override
  public Channel channel() {
    return Channel.PUSH;
  }

  @Override
  public java.time.Duration longestAttempt() {
    return http.longestCall();
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    ObjectNode body = json.createObjectNode();
    ObjectNode fcm = body.putObject("message");
    fcm.put("token", message.recipient());
    ObjectNode notification = fcm.putObject("notification");
    if (message.content().subject() != null) {
      notification.put("title", message.content().subject());
    }
    notification.put("body", message.content().text());
    // lets the app drop a repeat delivered after a retry: FCM v1 has no idempotency key
    fcm.putObject("data").put("journeys_message_id", message.idempotencyKey());
    URI uri =
        properties.baseUrl().resolve("/v1/projects/" + properties.projectId() + "/messages:send");
    var response =
        http.send(
            http.request(uri)
                .header("Authorization", "Bearer " + properties.accessToken())
                .header("Content-Type", "application/json; UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build());
    if (response.ok()) {
      return name(response.body());
    }
    String errorCode = errorCode(response.body());
    if ("UNREGISTERED".equals(errorCode) || response.status() == 404) {
      int removed = tokens.remove(message.recipient());
      log.info("push token unregistered; removed it from {} profile(s)", removed);
      throw new PermanentDeliveryFailure("unregistered_token", "FCM: " + response.body());
    }
    if ("QUOTA_EXCEEDED".equals(errorCode)) {
      throw http.rateLimited(response, response.body());
    }
    if ("UNAVAILABLE".equals(errorCode) || "INTERNAL".equals(errorCode)) {
      throw http.temporary(response.body());
    }
    String reason =
        switch (errorCode == null ? "" : errorCode) {
          case "INVALID_ARGUMENT" -> "invalid_message";
          case "SENDER_ID_MISMATCH" -> "sender_id_mismatch";
          case "THIRD_PARTY_AUTH_ERROR" -> "provider_auth_failed";
          default -> "provider_rejected";
        };
    throw new PermanentDeliveryFailure(
        reason, "FCM answered " + response.status() + ": " + response.body());
  }

  /** The FcmError code in the error details, else the canonical status. */
  private String errorCode(String body) {
    try {
      JsonNode error = json.readTree(body).path("error");
      for (JsonNode detail : error.path("details")) {
        if (detail.path("@type").asText().endsWith("google.firebase.fcm.v1.FcmError")) {
          return detail.path("errorCode").asText(null);
        }
      }
      return error.path("status").asText(null);
    } catch (IOException notJson) {
      return null;
    }
  }

  private String name(String body) {
    try {
      JsonNode name = json.readTree(body).path("name");
      if (name.isMissingNode() || name.asText().isBlank()) {
        throw new IllegalStateException("FCM answer has no name: " + body);
      }
      return name.asText();
    } catch (IOException e) {
      throw new IllegalStateException("FCM answer is not JSON: " + body, e);
    }
  }
}
