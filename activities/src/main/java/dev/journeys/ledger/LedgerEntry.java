package dev.journeys.ledger;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.Topic;
import java.time.Instant;

/**
 * One send decision, as support sees it when asked "why did I (not) get this?".
 *
 * @param templateVersion the template version rendered, and its locale
 * @param deliveryStatus what the provider reported after accepting it ({@code DELIVERED}, {@code
 *     READ}, {@code BOUNCED}, ...), null until a receipt arrives
 */
public record LedgerEntry(
    String idempotencyKey,
    String customerId,
    String journey,
    String step,
    Channel channel,
    Topic topic,
    String messageKey,
    LedgerStatus status,
    String reason,
    String recipient,
    String providerMessageId,
    Instant deferredUntil,
    int attempts,
    Instant createdAt,
    Instant updatedAt,
    Integer templateVersion,
    String templateLocale,
    String deliveryStatus,
    Instant deliveryUpdatedAt) {

  /**
   * The outcome this entry stands for, once decided; a PENDING or THROTTLED entry has none (a
   * throttled send's outcome depends on when it is asked).
   */
  public SendOutcome outcome() {
    return switch (status) {
      case SENT -> new SendOutcome.Sent(channel, providerMessageId);
      case SUPPRESSED -> new SendOutcome.Suppressed(reason);
      case DEFERRED -> new SendOutcome.Deferred(deferredUntil, reason);
      case FAILED -> new SendOutcome.Failed(channel, reason);
      case UNCERTAIN -> new SendOutcome.Uncertain(channel, reason);
      case PENDING, THROTTLED ->
          throw new IllegalStateException(idempotencyKey + " is not decided yet");
    };
  }
}
