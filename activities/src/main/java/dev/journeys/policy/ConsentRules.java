package dev.journeys.policy;

import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;

/**
 * Whether a customer's consent allows a message on a channel about a topic.
 *
 * <ul>
 *   <li>TRANSACTIONAL needs no consent, but a DENIED for the channel and TRANSACTIONAL (a hard
 *       opt-out, e.g. "everything" or an SMS STOP) is honoured
 *   <li>MARKETING needs GRANTED for the channel and MARKETING
 *   <li>other promotional topics (REVIEWS, BACK_IN_STOCK) need GRANTED for their own topic or for
 *       MARKETING, and no DENIED for either: opting out of marketing covers them all
 * </ul>
 */
public final class ConsentRules {

  private ConsentRules() {}

  public static boolean allows(Customer customer, Channel channel, Topic topic) {
    if (topic == Topic.TRANSACTIONAL) {
      return !is(customer, channel, Topic.TRANSACTIONAL, ConsentStatus.DENIED);
    }
    if (is(customer, channel, topic, ConsentStatus.DENIED)
        || is(customer, channel, Topic.MARKETING, ConsentStatus.DENIED)) {
      return false;
    }
    return is(customer, channel, topic, ConsentStatus.GRANTED)
        || is(customer, channel, Topic.MARKETING, ConsentStatus.GRANTED);
  }

  private static boolean is(Customer customer, Channel channel, Topic topic, ConsentStatus status) {
    return customer.consentFor(channel, topic).filter(c -> c.status() == status).isPresent();
  }
}
