package dev.journeys.receipt;

import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.suppression.SuppressedAddress;
import dev.journeys.suppression.SuppressionList;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies delivery receipts: the ledger entry of the message gets the status, and a hard bounce or
 * complaint puts the address on the suppression list (checked by every send) and is kept as
 * evidence in {@code address_suppression_event}, all in one transaction.
 */
@Service
public class MessageReceipts {

  private static final Logger log = LoggerFactory.getLogger(MessageReceipts.class);

  private final MessageLedger ledger;
  private final JdbcClient jdbc;
  private final SuppressionList suppressions;

  public MessageReceipts(MessageLedger ledger, JdbcClient jdbc, SuppressionList suppressions) {
    this.ledger = ledger;
    this.jdbc = jdbc;
    this.suppressions = suppressions;
  }

  /** What a receipt changed. */
  public sealed interface Applied {
    /** The ledger entry took the status; the journey that sent it may want to know. */
    record Updated(LedgerEntry entry, MessageReceipt receipt) implements Applied {}

    /** A repeat, or an older status arriving after a final one: nothing changed. */
    record Unchanged(LedgerEntry entry) implements Applied {}

    /** No message with that provider id (another system's, or long gone). */
    record Unknown() implements Applied {}
  }

  /** The channels whose messages a provider's receipts may concern (none for an unknown one). */
  static Set<Channel> channelsOf(String provider) {
    return switch (provider) {
      case "twilio" -> EnumSet.of(Channel.SMS);
      case "meta" -> EnumSet.of(Channel.WHATSAPP, Channel.MESSENGER, Channel.INSTAGRAM);
      case "email" -> EnumSet.of(Channel.EMAIL);
      default -> EnumSet.noneOf(Channel.class);
    };
  }

  @Transactional
  public Applied apply(MessageReceipt receipt) {
    Optional<LedgerEntry> found =
        ledger.findByProviderMessageId(receipt.providerMessageId(), channelsOf(receipt.provider()));
    if (found.isEmpty()) {
      log.info(
          "{} receipt for unknown message {}", receipt.provider(), receipt.providerMessageId());
      return new Applied.Unknown();
    }
    LedgerEntry entry = found.get();
    if (!ledger.recordDelivery(
        entry.idempotencyKey(), receipt.status().name(), receipt.occurredAt())) {
      return new Applied.Unchanged(entry);
    }
    if (receipt.status().suppressesAddress() && entry.recipient() != null) {
      var reason =
          receipt.status() == ReceiptStatus.BOUNCED
              ? SuppressedAddress.Reason.hard_bounce
              : SuppressedAddress.Reason.complaint;
      suppressions.add(
          entry.channel(),
          entry.recipient(),
          reason,
          receipt.provider(),
          "receipt for message " + receipt.providerMessageId());
      jdbc.sql(
              """
              insert into address_suppression_event (channel, address, reason, provider,
                  provider_message_id, customer_id, occurred_at)
              values (:channel, :address, :reason, :provider, :providerId, :customer, :at)""")
          .param("channel", entry.channel().name())
          .param("address", entry.recipient())
          .param("reason", receipt.status() == ReceiptStatus.BOUNCED ? "hard_bounce" : "complaint")
          .param("provider", receipt.provider())
          .param("providerId", receipt.providerMessageId())
          .param("customer", entry.customerId())
          .param("at", Timestamp.from(receipt.occurredAt()))
          .update();
    }
    return new Applied.Updated(ledger.find(entry.idempotencyKey()).orElseThrow(), receipt);
  }
}
