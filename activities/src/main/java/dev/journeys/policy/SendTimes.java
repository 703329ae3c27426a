package dev.journeys.policy;

import dev.journeys.customer.Customer;
import dev.journeys.customer.TimeZones;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * When a message may reach a customer, on the customer's own clock: quiet hours (configurable;
 * transactional messages may bypass them) and, for SMS, the contact window of the customer's
 * jurisdiction. Outside them a send is deferred to the latest of the next openings.
 */
@Component
public class SendTimes {

  private final PolicyProperties properties;
  private final ContactRules contactRules;
  private final TimeZones timeZones;

  @Autowired
  public SendTimes(PolicyProperties properties, ContactRules contactRules, TimeZones timeZones) {
    this.properties = properties;
    this.contactRules = contactRules;
    this.timeZones = timeZones;
  }

  /** With the shipped region table and the configured default zone. */
  public SendTimes(PolicyProperties properties, ContactRules contactRules) {
    this(properties, contactRules, TimeZones.shipped(ZoneId.of(properties.defaultTimeZone())));
  }

  /** Empty if the message may go now; else when it may, and why not now. */
  public Optional<SendDecision.Defer> deferral(
      Customer customer, Channel channel, Topic topic, Instant now) {
    ZoneId zone = zoneOf(customer);
    SendDecision.Defer result = null;
    if (channel == Channel.SMS && topic.isPromotional()) {
      var rule = contactRules.forRegion(customer.region());
      if (rule.isPresent()) {
        var opening = rule.get().window().nextOpening(now, zone);
        if (opening.isPresent()) {
          result = new SendDecision.Defer(opening.get(), "contact_window");
        }
      }
    }
    var quiet = properties.quietHours();
    if (quiet.enabled() && (topic.isPromotional() || !quiet.transactionalBypass())) {
      var opening = quiet.allowed().nextOpening(now, zone);
      if (opening.isPresent() && (result == null || opening.get().isAfter(result.until()))) {
        result = new SendDecision.Defer(opening.get(), "quiet_hours");
      }
    }
    return Optional.ofNullable(result);
  }

  /** The customer's zone, as the journeys see it (see {@link TimeZones}). */
  ZoneId zoneOf(Customer customer) {
    return timeZones.zoneOf(customer);
  }
}
