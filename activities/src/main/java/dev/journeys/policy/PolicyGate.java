package dev.journeys.policy;

import dev.journeys.customer.ConsentStatus;
import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether a message may go to a customer on a channel. Called inside the send
 * transaction with the customer's row locked, so a consent change that committed before is
 * always seen.
 *
 * <ul>
 *   <li>no profile → {@code no_profile}; no address on the channel → {@code no_address}
 *   <li>marketing needs consent GRANTED for the channel and MARKETING → else {@code opted_out}
 *   <li>transactional needs no marketing consent, but a DENIED for the channel and TRANSACTIONAL
 *       (a hard opt-out) is honoured → {@code opted_out}
 * </ul>
 */
@Component
public class PolicyGate {

  public SendDecision decide(Optional<Customer> profile, Channel channel, Topic topic) {
    if (profile.isEmpty()) {
      return new SendDecision.Suppress("no_profile");
    }
    Customer customer = profile.get();
    var address = customer.addressOn(channel);
    if (address.isEmpty()) {
      return new SendDecision.Suppress("no_address");
    }
    var consent = customer.consentFor(channel, topic).map(c -> c.status());
    boolean allowed =
        switch (topic) {
          case MARKETING -> consent.filter(s -> s == ConsentStatus.GRANTED).isPresent();
          case TRANSACTIONAL -> consent.filter(s -> s == ConsentStatus.DENIED).isEmpty();
        };
    return allowed ? new SendDecision.Allow(address.get()) : new SendDecision.Suppress("opted_out");
  }
}
