package dev.journeys.channel;

import dev.journeys.content.RenderedMessage;
import dev.journeys.messaging.Topic;
import java.util.Map;

/**
 * A message on its way to a provider.
 *
 * @param idempotencyKey sent to providers whose protocol accepts one, so a retry after a lost
 *     response is not delivered twice
 * @param recipient the channel address (email address, E.164 phone number)
 * @param customerId whose message it is (messaging-app channels check the customer's 24-hour
 *     service window); may be null
 * @param headers protocol headers the policy asks for, e.g. RFC 8058 {@code List-Unsubscribe}
 */
public record OutboundMessage(
    String idempotencyKey,
    String recipient,
    Topic topic,
    RenderedMessage content,
    String customerId,
    Map<String, String> headers) {

  public OutboundMessage {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** A message without extra headers. */
  public OutboundMessage(
      String idempotencyKey,
      String recipient,
      Topic topic,
      RenderedMessage content,
      String customerId) {
    this(idempotencyKey, recipient, topic, content, customerId, Map.of());
  }

  /** A message of no particular customer, without extra headers. */
  public OutboundMessage(
      String idempotencyKey, String recipient, Topic topic, RenderedMessage content) {
    this(idempotencyKey, recipient, topic, content, null, Map.of());
  }
}
