package dev.journeys.policy;

import dev.journeys.customer.Customer;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.SendRequest;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Per-customer limits on transactional messages ({@link PolicyProperties#transactionalLimits()}),
 * counted from the ledger like frequency caps and, like them, exact under concurrency because the
 * send activity calls it with the customer's row locked. Frequency caps leave transactional
 * messages alone (a receipt must not be lost to a newsletter), so without these a key that may send
 * events could make the journeys send one customer an order confirmation per event.
 */
@Component
public class TransactionalLimits {

  private final PolicyProperties properties;
  private final MessageLedger ledger;

  public TransactionalLimits(PolicyProperties properties, MessageLedger ledger) {
    this.properties = properties;
    this.ledger = ledger;
  }

  /** The first limit one more send of this request would exceed; empty when none would. */
  public Optional<PolicyProperties.TransactionalLimit> reached(
      Customer customer, SendRequest request, Instant now) {
    if (request.topic().isPromotional()) {
      return Optional.empty();
    }
    for (var limit : properties.transactionalLimits()) {
      if (limit.appliesTo(request.channel(), request.messageKey())
          && ledger.countRecentOfMessage(
                  customer.id(),
                  limit.channel(),
                  request.messageKey(),
                  now.minus(limit.window()),
                  request.idempotencyKey())
              >= limit.max()) {
        return Optional.of(limit);
      }
    }
    return Optional.empty();
  }
}
