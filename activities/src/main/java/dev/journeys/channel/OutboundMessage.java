package dev.journeys.channel;

import dev.journeys.content.RenderedMessage;
import dev.journeys.messaging.Topic;

/**
 * A message on its way to a provider.
 *
 * @param idempotencyKey sent to providers whose protocol accepts one, so a retry after a lost
 *     response is not delivered twice
 * @param recipient the channel address (email address, E.164 phone number)
 * @param headers protocol headers the policy asks for, e.g. RFC 8058 {@code List-Unsubscribe}
 */
public record OutboundMessage(
    String idempotencyKey,
    String recipient,
    Topic topic,
    RenderedMessage content,
    java.util.Map<String, String> headers) {

  public OutboundMessage {
    headers = headers == null ? java.util.Map.of() : java.util.Map.copyOf(headers);
  }

  /** A message without extra headers. */
  public OutboundMessage(
      String idempotencyKey, String recipient, Topic topic, RenderedMessage content) {
    this(idempotencyKey, recipient, topic, content, null);
  }
}
