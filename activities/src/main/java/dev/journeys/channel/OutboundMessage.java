package dev.journeys.channel;

import dev.journeys.content.RenderedMessage;
import dev.journeys.messaging.Topic;

/**
 * A message on its way to a provider.
 *
 * @param idempotencyKey sent to providers whose protocol accepts one, so a retry after a lost
 *     response is not delivered twice
 * @param recipient the channel address (email address, E.164 phone number)
 */
public record OutboundMessage(
    String idempotencyKey, String recipient, Topic topic, RenderedMessage content) {}
