package dev.journeys.channel.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.channel.ProviderHttp;
import dev.journeys.messaging.Channel;
import dev.journeys.signature.WebhookSignature;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Clock;

/**
 * The rendered message POSTed as JSON to a configured URL, signed with {@link WebhookSignature} and
 * carrying the send's idempotency key in {@code Idempotency-Key} (and as {@code id}) so the
 * receiver can drop a retried delivery. A 2xx answer is success; its JSON {@code id}, if any, is
 * the provider id, else the idempotency key.
 */
public class WebhookChannel implements ChannelSender {

  private final WebhookProperties properties;
  private final WebhookSignature signature;
  private final ObjectMapper json;
  private final Clock clock;
  private final ProviderHttp http;

  public WebhookChannel(WebhookProperties properties, ObjectMapper json, Clock clock) {
    if (properties.secret() == null || properties.secret().isBlank()) {
      throw new IllegalStateException("set journeys.channels.webhook.secret");
    }
    this.properties = properties;
    this.signature = new WebhookSignature(properties.secret());
    this.json = json;
    this.clock = clock;
    this.http = new ProviderHttp("webhook " + properties.url(), properties.timeout(), clock);
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public java.time.Duration longestAttempt() {
    return http.longestCall();
  }

  @Override
  public String send(OutboundMessage message) throws PermanentDeliveryFailure {
    ObjectNode body = json.createObjectNode();
    body.put("id", message.idempotencyKey());
    body.put("customerId", message.customerId());
    body.put("recipient", message.recipient());
    body.put("topic", message.topic().name());
    body.put("subject", message.content().subject());
    body.put("text", message.content().text());
    body.put("html", message.content().html());
    String payload = body.toString();
    long timestamp = clock.instant().getEpochSecond();
    var response =
        http.send(
            http.request(properties.url())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", message.idempotencyKey())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(timestamp, payload))
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build());
    if (response.ok()) {
      return id(response.body()).orElse(message.idempotencyKey());
    }
    throw new PermanentDeliveryFailure(
        "endpoint_rejected", "webhook answered " + response.status() + ": " + response.body());
  }

  private java.util.Optional<String> id(String body) {
    try {
      JsonNode id = json.readTree(body).path("id");
      return id.isTextual() && !id.asText().isBlank()
          ? java.util.Optional.of(id.asText())
          : java.util.Optional.empty();
    } catch (IOException notJson) {
      return java.util.Optional.empty();
    }
  }
}
