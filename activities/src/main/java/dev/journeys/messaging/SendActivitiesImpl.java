package dev.journeys.messaging;

import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.content.MessageRenderer;
import dev.journeys.content.RenderedMessage;
import dev.journeys.content.TemplateRenderException;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerRepository;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.policy.PolicyGate;
import dev.journeys.policy.SendDecision;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send activity. Order matters: the policy decision and the ledger row are committed in one
 * transaction (with the customer's row locked) before the provider is called, so an opt-out that
 * committed earlier always wins, and a recorded decision is never taken twice.
 *
 * <p>The one window left is a crash after the provider accepted a message and before the ledger
 * says SENT: the retry finds the entry PENDING and sends again with the same idempotency key
 * (Message-ID for email, idempotency header for SMS), which providers use to drop the repeat.
 */
@Component
public class SendActivitiesImpl implements SendActivities {

  private static final Logger log = LoggerFactory.getLogger(SendActivitiesImpl.class);

  private final MessageLedger ledger;
  private final CustomerRepository customers;
  private final PolicyGate policy;
  private final MessageRenderer renderer;
  private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
  private final TransactionTemplate transaction;
  private final java.time.Clock clock;
  private final dev.journeys.unsubscribe.UnsubscribeLinks unsubscribeLinks;
  private final dev.journeys.policy.SendRateLimiter rateLimiter;

  public SendActivitiesImpl(
      MessageLedger ledger,
      CustomerRepository customers,
      PolicyGate policy,
      MessageRenderer renderer,
      List<ChannelSender> senders,
      TransactionTemplate transaction,
      java.time.Clock clock,
      dev.journeys.unsubscribe.UnsubscribeLinks unsubscribeLinks,
      dev.journeys.policy.SendRateLimiter rateLimiter) {
    this.ledger = ledger;
    this.customers = customers;
    this.policy = policy;
    this.renderer = renderer;
    senders.forEach(s -> this.senders.put(s.channel(), s));
    this.transaction = transaction;
    this.clock = clock;
    this.unsubscribeLinks = unsubscribeLinks;
    this.rateLimiter = rateLimiter;
  }

  @Override
  public SendOutcome send(SendRequest request) {
    var earlier = ledger.find(request.idempotencyKey());
    if (earlier.isPresent() && earlier.get().status() != LedgerStatus.PENDING) {
      return earlier.get().outcome();
    }
    Step next = transaction.execute(tx -> decideAndRecord(request));
    return switch (next) {
      case Step.Settled settled -> settled.outcome();
      case Step.Deliver deliver -> deliver(request, deliver.message());
    };
  }

  private Step decideAndRecord(SendRequest request) {
    customers.lockById(request.customerId());
    Optional<LedgerEntry> entry = ledger.find(request.idempotencyKey());
    if (entry.isPresent() && entry.get().status() != LedgerStatus.PENDING) {
      return new Step.Settled(entry.get().outcome());
    }
    Optional<Customer> customer = customers.findById(request.customerId());
    // a hold-out customer is not sent anything whatever policy says; the ledger says why
    SendDecision decision =
        request.holdout()
            ? new SendDecision.Suppress(SendOutcome.Suppressed.HOLDOUT)
            : policy.decide(customer, request, clock.instant());
    if (decision instanceof SendDecision.Defer defer) {
      if (entry.isPresent()) {
        ledger.markDeferred(request.idempotencyKey(), defer.until(), defer.reason());
      } else if (!ledger.recordDeferred(request, defer.until(), defer.reason())) {
        throw new IllegalStateException(
            "send " + request.idempotencyKey() + " is being decided by another attempt");
      }
      return new Step.Settled(new SendOutcome.Deferred(defer.until(), defer.reason()));
    }
    if (decision instanceof SendDecision.Suppress suppress) {
      if (entry.isPresent()) {
        ledger.markSuppressed(request.idempotencyKey(), suppress.reason());
      } else {
        record(request, LedgerStatus.SUPPRESSED, suppress.reason(), null);
      }
      return new Step.Settled(new SendOutcome.Suppressed(suppress.reason()));
    }
    String recipient = ((SendDecision.Allow) decision).recipient();
    RenderedMessage content;
    try {
      content =
          renderer.render(
              request.messageKey(),
              request.channel(),
              customer.get().locale(),
              variables(request, customer.get()));
    } catch (TemplateRenderException e) {
      String reason = "template_error: " + e.getMessage();
      if (entry.isPresent()) {
        ledger.markFailed(request.idempotencyKey(), reason);
      } else {
        record(request, LedgerStatus.FAILED, reason, recipient);
      }
      return new Step.Settled(new SendOutcome.Failed(request.channel(), reason));
    }
    if (entry.isPresent()) {
      log.warn(
          "send {} was pending: an earlier attempt may have reached the provider; sending again with the same idempotency key",
          request.idempotencyKey());
      ledger.countAttempt(request.idempotencyKey());
    } else {
      // over the provider's or journey's rate: throws a retryable failure, nothing is recorded
      rateLimiter.acquire(request);
      record(request, LedgerStatus.PENDING, null, recipient);
    }
    ledger.recordTemplate(
        request.idempotencyKey(), content.templateVersion(), content.templateLocale());
    return new Step.Deliver(
        new OutboundMessage(
            request.idempotencyKey(),
            recipient,
            request.topic(),
            content,
            request.customerId(),
            unsubscribeHeaders(request)));
  }

  /**
   * RFC 8058 one-click unsubscribe on every promotional email: mailbox providers show an
   * "unsubscribe" button that POSTs to the signed link, which opts out of this topic by email.
   */
  private Map<String, String> unsubscribeHeaders(SendRequest request) {
    if (request.channel() != Channel.EMAIL || !request.topic().isPromotional()) {
      return Map.of();
    }
    return unsubscribeLinks
        .linkFor(request.customerId(), request.channel(), request.topic())
        .map(
            link ->
                Map.of(
                    "List-Unsubscribe",
                    "<" + link + ">",
                    "List-Unsubscribe-Post",
                    "List-Unsubscribe=One-Click"))
        .orElseGet(Map::of);
  }

  private void record(SendRequest request, LedgerStatus status, String reason, String recipient) {
    if (!ledger.recordNew(request, status, reason, recipient)) {
      // a concurrent attempt of the same send got there first; let Temporal retry and re-read
      throw new IllegalStateException(
          "send " + request.idempotencyKey() + " is being decided by another attempt");
    }
  }

  private SendOutcome deliver(SendRequest request, OutboundMessage message) {
    ChannelSender sender = senders.get(request.channel());
    if (sender == null) {
      throw new IllegalStateException(
          "no provider configured for channel " + request.channel() + "; see journeys.channels.*");
    }
    try {
      String providerId = sender.send(message);
      ledger.markSent(request.idempotencyKey(), providerId);
      log.info(
          "sent {} to {} on {} ({})",
          request.messageKey(),
          request.customerId(),
          request.channel(),
          providerId);
      return new SendOutcome.Sent(request.channel(), providerId);
    } catch (PermanentDeliveryFailure refused) {
      ledger.markFailed(request.idempotencyKey(), refused.reason());
      return new SendOutcome.Failed(request.channel(), refused.reason());
    }
  }

  private static Map<String, Object> variables(SendRequest request, Customer customer) {
    return dev.journeys.content.TemplateVariables.of(customer, request.data());
  }

  /** What the decision transaction leaves to do. */
  private sealed interface Step {
    record Settled(SendOutcome outcome) implements Step {}

    record Deliver(OutboundMessage message) implements Step {}
  }
}
