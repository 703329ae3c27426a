package dev.journeys.policy;

import dev.journeys.customer.Customer;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Frequency caps across all journeys of a customer, over rolling windows, counted from the ledger
 * (SENT and PENDING rows). Exact under concurrency because the send activity calls it with the
 * customer's row locked: a second send racing for the last slot waits for the first to commit and
 * then counts it.
 */
@Component
public class FrequencyCaps {

  private final PolicyProperties properties;
  private final ContactRules contactRules;
  private final MessageLedger ledger;

  public FrequencyCaps(
      PolicyProperties properties, ContactRules contactRules, MessageLedger ledger) {
    this.properties = properties;
    this.contactRules = contactRules;
    this.ledger = ledger;
  }

  /** True when one more message on this channel and topic would exceed a cap. */
  public boolean reached(Customer customer, Channel channel, Topic topic, Instant now) {
    return reached(customer, channel, topic, now, null);
  }

  /** As above, not counting the send {@code idempotencyKey} itself (a retry of a pending send). */
  public boolean reached(
      Customer customer, Channel channel, Topic topic, Instant now, String idempotencyKey) {
    if (!topic.isPromotional()) {
      return false;
    }
    for (var cap : properties.frequencyCaps()) {
      if (cap.appliesTo(channel, topic)
          && count(customer, cap.channel(), cap.topic(), now.minus(cap.window()), idempotencyKey)
              >= cap.max()) {
        return true;
      }
    }
    if (channel == Channel.SMS) {
      var limit =
          contactRules.forRegion(customer.region()).map(ContactRules.Rule::maxPromotionalPer24h);
      if (limit.isPresent()
          && count(customer, Channel.SMS, null, now.minus(Duration.ofHours(24)), idempotencyKey)
              >= limit.get()) {
        return true;
      }
    }
    return false;
  }

  private int count(
      Customer customer, Channel channel, Topic topic, Instant since, String excludingKey) {
    List<Topic> topics =
        topic != null
            ? List.of(topic)
            : Arrays.stream(Topic.values()).filter(Topic::isPromotional).toList();
    return ledger.countRecent(customer.id(), channel, topics, since, excludingKey);
  }
}
