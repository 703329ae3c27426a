package dev.journeys.policy;

import dev.journeys.customer.Customer;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import dev.journeys.suppression.SuppressionList;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides whether a message may go to a customer on a channel. Called inside the send transaction
 * with the customer's row locked, so a consent change, a suppression or another journey's send that
 * committed before is always seen. In order, each with its ledger reason:
 *
 * <ol>
 *   <li>no profile → {@code no_profile}
 *   <li>past the send's deadline → {@code expired}
 *   <li>no address on the channel → {@code no_address}
 *   <li>address on the suppression list (bounce, complaint, operator) → {@code suppressed_address},
 *       for every topic
 *   <li>consent (see {@link ConsentRules}) → {@code opted_out}
 *   <li>outside the SMS contact window of the customer's region, or in quiet hours → deferred
 *       ({@code contact_window}, {@code quiet_hours}); deferred past the deadline → {@code expired}
 *   <li>a frequency cap reached → {@code frequency_cap} (the journey decides what next)
 *   <li>a transactional message over its per-customer limit ({@link TransactionalLimits}) → {@code
 *       transactional_limit}
 * </ol>
 */
@Component
public class PolicyGate {

  /** The ledger reason of a transactional message over its per-customer limit. */
  public static final String TRANSACTIONAL_LIMIT = "transactional_limit";

  private final SuppressionList suppressions;
  private final SendTimes sendTimes;
  private final FrequencyCaps caps;
  private final TransactionalLimits transactionalLimits;

  public PolicyGate(
      SuppressionList suppressions,
      SendTimes sendTimes,
      FrequencyCaps caps,
      TransactionalLimits transactionalLimits) {
    this.suppressions = suppressions;
    this.sendTimes = sendTimes;
    this.caps = caps;
    this.transactionalLimits = transactionalLimits;
  }

  /** Every policy, for this request at {@code now}. */
  public SendDecision decide(Optional<Customer> profile, SendRequest request, Instant now) {
    if (profile.isEmpty()) {
      return new SendDecision.Suppress("no_profile");
    }
    Customer customer = profile.get();
    Channel channel = request.channel();
    Topic topic = request.topic();
    if (request.expiresAt() != null && !now.isBefore(request.expiresAt())) {
      return new SendDecision.Suppress("expired");
    }
    SendDecision reachable = decide(profile, channel, topic);
    if (!(reachable instanceof SendDecision.Allow allow)) {
      return reachable;
    }
    var later = sendTimes.deferral(customer, channel, topic, now);
    if (later.isPresent()) {
      if (request.expiresAt() != null && !later.get().until().isBefore(request.expiresAt())) {
        return new SendDecision.Suppress("expired");
      }
      return later.get();
    }
    if (caps.reached(customer, channel, topic, now, request.idempotencyKey())) {
      return new SendDecision.Suppress("frequency_cap");
    }
    if (transactionalLimits.reached(customer, request, now).isPresent()) {
      return new SendDecision.Suppress(TRANSACTIONAL_LIMIT);
    }
    return allow;
  }

  /** Reachability, suppression list and consent only: no clocks, no caps. */
  public SendDecision decide(Optional<Customer> profile, Channel channel, Topic topic) {
    if (profile.isEmpty()) {
      return new SendDecision.Suppress("no_profile");
    }
    Customer customer = profile.get();
    var address = customer.addressOn(channel);
    if (address.isEmpty()) {
      return new SendDecision.Suppress("no_address");
    }
    if (suppressions.find(channel, address.get()).isPresent()) {
      return new SendDecision.Suppress("suppressed_address");
    }
    return ConsentRules.allows(customer, channel, topic)
        ? new SendDecision.Allow(address.get())
        : new SendDecision.Suppress("opted_out");
  }
}
