package dev.journeys.receipt;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's status callback, verified and parsed.
 *
 * @param provider who sent it ({@code twilio}, {@code meta}, {@code email})
 * @param providerMessageId the provider's id for the message, as recorded in the ledger
 * @param reason the provider's error code or bounce type, if any
 */
public record MessageReceipt(
    String provider,
    String providerMessageId,
    ReceiptStatus status,
    String reason,
    Instant occurredAt) {

  public MessageReceipt {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(occurredAt, "occurredAt");
  }
}
