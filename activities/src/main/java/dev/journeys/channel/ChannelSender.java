package dev.journeys.channel;

import dev.journeys.messaging.Channel;
import java.time.Duration;

/**
 * Speaks one provider's wire protocol. Implementations throw {@link PermanentDeliveryFailure} when
 * the provider refuses a message for good; any other exception is transient and the send is retried
 * by Temporal with backoff. Whether a transient failure may have reached the provider is read from
 * the exception by {@link AttemptFailures}.
 */
public interface ChannelSender {

  Channel channel();

  /**
   * The longest one {@link #send} may run, from its own timeouts: an attempt holds its send's lease
   * this long (plus a margin), so no second attempt starts while it may still be talking to the
   * provider.
   */
  default Duration longestAttempt() {
    return Duration.ofMinutes(2);
  }

  /** Hands the message to the provider and returns the provider's id for it. */
  String send(OutboundMessage message) throws PermanentDeliveryFailure;
}
