package dev.journeys.channel;

import dev.journeys.content.RenderedMessage;
import dev.journeys.messaging.Topic;

/**
 * A message on its way to a provider.
 *
 * @param idempotencyKey sent to providers whose protocol accepts one, so a retry after a lost
 *     response is not delivered twice
 * @param recipient the channel address (email address, E.164 phone number)
 * @param customerId whose message it is (messaging-app channels check the customer's 24-hour
 *     service window); may be null
 */
public record OutboundMessage(
    String idempotencyKey, String recipient, Topic topic, RenderedMessage content, String customerId) {

  public OutboundMessage(String idempotencyKey, String recipient, Topic topic, RenderedMessage content) {
    this(idempotencyKey, recipient, topic, content, null);
  }
}
