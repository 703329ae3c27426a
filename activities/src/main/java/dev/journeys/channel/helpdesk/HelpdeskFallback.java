package dev.journeys.channel.helpdesk;

import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.content.RenderedMessage;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.Optional;

/**
 * A handoff without a helpdesk: the journey's context is emailed to the support mailbox, and the
 * ledger says so (message {@code handoff}, reason {@value #REASON}, under the handoff's key). No
 * mailbox or no email channel: the ledger records the handoff as FAILED and the activity fails
 * without retry (the journey goes on). A retry after the mail was sent returns the same ticket; one
 * after an attempt died mid-send sends again under the same key (SMTP Message-ID derived from it).
 */
public class HelpdeskFallback {

  /** The ledger reason of a handoff that went to the support mailbox. */
  public static final String REASON = "helpdesk_not_configured";

  static final String MESSAGE_KEY = "handoff";

  private final HelpdeskFallbackProperties properties;
  private final Optional<ChannelSender> email;
  private final MessageLedger ledger;

  public HelpdeskFallback(
      HelpdeskFallbackProperties properties, Optional<ChannelSender> email, MessageLedger ledger) {
    this.properties = properties;
    this.email = email.filter(sender -> sender.channel() == Channel.EMAIL);
    this.ledger = ledger;
  }

  HandoffTicket openTicket(HandoffRequest handoff) {
    var request = ledgerRequest(handoff);
    if (!properties.configured() || email.isEmpty()) {
      String reason =
          !properties.configured()
              ? "no helpdesk and no fallback mailbox: set journeys.channels.helpdesk.base-url"
                  + " or journeys.channels.helpdesk.fallback.email"
              : "no helpdesk, and no email channel for the fallback mailbox (spring.mail.host)";
      ledger.recordNew(request, LedgerStatus.FAILED, reason, null);
      throw ApplicationFailure.newNonRetryableFailure(reason, "HelpdeskNotConfigured");
    }
    String mailbox = properties.email();
    if (!ledger.recordNew(request, LedgerStatus.PENDING, REASON, mailbox)) {
      LedgerEntry earlier = ledger.find(request.idempotencyKey()).orElseThrow();
      if (earlier.status() == LedgerStatus.SENT) {
        return ticketOf(earlier.providerMessageId());
      }
      if (earlier.status() != LedgerStatus.PENDING) {
        throw ApplicationFailure.newNonRetryableFailure(
            "handoff to the support mailbox " + earlier.status() + ": " + earlier.reason(),
            "HandoffFailed");
      }
    }
    var content =
        new RenderedMessage(
            "[" + handoff.priority() + "] " + handoff.subject(),
            HandoffContext.describe(handoff),
            null);
    try {
      String id =
          email
              .get()
              .send(
                  new OutboundMessage(
                      request.idempotencyKey(),
                      mailbox,
                      Topic.TRANSACTIONAL,
                      content,
                      handoff.customerId()));
      ledger.markSent(request.idempotencyKey(), id);
      return ticketOf(id);
    } catch (PermanentDeliveryFailure refused) {
      ledger.markFailed(request.idempotencyKey(), refused.getMessage());
      throw ApplicationFailure.newNonRetryableFailure(
          "the support mailbox refused the handoff: " + refused.getMessage(), "HandoffFailed");
    }
  }

  /** The mail's id: no helpdesk will report it resolved, so the journey's wait times out. */
  private static HandoffTicket ticketOf(String providerMessageId) {
    return new HandoffTicket("email:" + providerMessageId);
  }

  private static SendRequest ledgerRequest(HandoffRequest handoff) {
    return new SendRequest(
        handoff.idempotencyKey(),
        handoff.customerId(),
        handoff.journey(),
        handoff.step(),
        Channel.EMAIL,
        Topic.TRANSACTIONAL,
        MESSAGE_KEY,
        Map.of());
  }
}
