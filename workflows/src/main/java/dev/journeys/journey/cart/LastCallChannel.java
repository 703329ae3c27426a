package dev.journeys.journey.cart;

import dev.journeys.journey.Message;
import dev.journeys.messaging.Channel;

/**
 * The arms of the abandoned cart's experiment ({@value
 * AbandonedCartJourneyImpl#LAST_CALL_EXPERIMENT}): how the last call goes out. The hold-out group
 * follows {@link #SMS}, with nothing sent.
 */
public enum LastCallChannel {
  /** By SMS, by email when the customer cannot get one. */
  SMS(Message.firstAllowed(Channel.SMS, Channel.EMAIL).key("cart-last-call")),
  /** By email. */
  EMAIL(Message.email("cart-last-call"));

  /** The last call of this arm. */
  final Message lastCall;

  LastCallChannel(Message lastCall) {
    this.lastCall = lastCall;
  }
}
