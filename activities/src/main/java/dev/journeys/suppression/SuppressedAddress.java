package dev.journeys.suppression;

import dev.journeys.messaging.Channel;
import java.time.Instant;

/** An address nobody may message, whatever the customer's consent, and why. */
public record SuppressedAddress(
    Channel channel, String address, Reason reason, String source, String note, Instant createdAt) {

  /** Why an address is suppressed; the ledger says {@code suppressed_address} for all of them. */
  public enum Reason {
    hard_bounce,
    complaint,
    operator
  }
}
