package dev.journeys.channel;

import dev.journeys.messaging.Channel;

/**
 * Speaks one provider's wire protocol. Implementations throw {@link PermanentDeliveryFailure} when
 * the provider refuses a message for good; any other exception is transient and the send is retried
 * by Temporal with backoff.
 */
public interface ChannelSender {

  Channel channel();

  /** Hands the message to the provider and returns the provider's id for it. */
  String send(OutboundMessage message) throws PermanentDeliveryFailure;
}
