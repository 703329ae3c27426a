package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.event.payload.MessageReceipt;
import dev.journeys.messaging.SendOutcome;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits for what a provider reports about a sent message, for briefs like "if the WhatsApp message
 * is not delivered within an hour, send an SMS":
 *
 * <pre>{@code
 * SendOutcome sent = journey.send(Message.firstAllowed(WHATSAPP).key("order-update"));
 * if (!(ReceiptWait.on(journey).awaitDelivery(sent, Duration.ofHours(1))
 *     instanceof ReceiptWait.Delivery.Delivered)) {
 *   journey.send(Message.sms("order-update").atStep("order-update-sms"));
 * }
 * }</pre>
 *
 * <p>The API's delivery webhooks signal the journey a {@code message_delivered} or {@code
 * message_failed} event naming the provider's message id; a receipt that arrived before the wait
 * began counts. A goal event ends the journey during the wait, as at any wait.
 */
public final class ReceiptWait {

  /** What became of a sent message, as far as the provider told us. */
  public sealed interface Delivery {
    /** Delivered (or read); {@code receipt} is the {@code message_delivered} event. */
    record Delivered(CustomerEvent receipt) implements Delivery {}

    /** Failed or bounced; {@code status} and {@code reason} as the provider reported them. */
    record Failed(CustomerEvent receipt, String status, String reason) implements Delivery {}

    /** No receipt within the timeout (some providers and channels never send one). */
    record NoReceipt() implements Delivery {}

    /** The message was never handed to a provider (suppressed, deferred, refused). */
    record NotSent(SendOutcome outcome) implements Delivery {}
  }

  private final Journey journey;

  private ReceiptWait(Journey journey) {
    this.journey = Objects.requireNonNull(journey, "journey");
  }

  public static ReceiptWait on(Journey journey) {
    return new ReceiptWait(journey);
  }

  /** Waits up to {@code timeout} for the receipt of the message {@code outcome} reports sent. */
  public Delivery awaitDelivery(SendOutcome outcome, Duration timeout) {
    if (!(outcome instanceof SendOutcome.Sent sent)) {
      return new Delivery.NotSent(outcome);
    }
    Optional<CustomerEvent> receipt =
        journey.waitForEvent(
            "delivery of " + sent.providerMessageId(), e -> isReceiptFor(e, sent), timeout);
    if (receipt.isEmpty()) {
      return new Delivery.NoReceipt();
    }
    CustomerEvent event = receipt.get();
    if (event.is(EventTypes.MESSAGE_DELIVERED)) {
      return new Delivery.Delivered(event);
    }
    MessageReceipt failed = event.payload(MessageReceipt.class);
    return new Delivery.Failed(event, failed.status(), failed.reason());
  }

  private static boolean isReceiptFor(CustomerEvent event, SendOutcome.Sent sent) {
    if (!event.is(EventTypes.MESSAGE_DELIVERED) && !event.is(EventTypes.MESSAGE_FAILED)) {
      return false;
    }
    MessageReceipt receipt = event.payload(MessageReceipt.class);
    return Objects.equals(receipt.providerMessageId(), sent.providerMessageId())
        && Objects.equals(receipt.channel(), sent.channel().name());
  }
}
