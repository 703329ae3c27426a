package dev.journeys.messaging;

import dev.journeys.channel.AttemptFailures;
import dev.journeys.channel.ChannelSender;
import dev.journeys.channel.OutboundMessage;
import dev.journeys.channel.PermanentDeliveryFailure;
import dev.journeys.content.MessageRenderer;
import dev.journeys.content.MessageTemplate;
import dev.journeys.content.RenderedMessage;
import dev.journeys.content.TemplateRenderException;
import dev.journeys.content.TemplateStore;
import dev.journeys.content.TemplateVariables;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerRepository;
import dev.journeys.ledger.LedgerEntry;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.ledger.MessageLedger.Decision;
import dev.journeys.policy.PolicyGate;
import dev.journeys.policy.SendDecision;
import dev.journeys.policy.SendRateLimiter;
import dev.journeys.unsubscribe.UnsubscribeLinks;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The send activity: one decision per send, one attempt at the provider at a time.
 *
 * <ol>
 *   <li>The send's tokens of the provider's and journey's send rates are taken first, each in its
 *       own short statement; over the rate, the send is recorded THROTTLED with a reserved slot and
 *       returns {@link SendOutcome.Throttled} (nothing is decided yet).
 *   <li>The policy decision and the ledger row are committed in one transaction, with the
 *       customer's row locked, so an opt-out that committed earlier always wins. An ALLOW is
 *       recorded PENDING together with the attempt's lease on the row.
 *   <li>Only then is the provider called, with the send's idempotency key.
 * </ol>
 *
 * <p>A retry of a PENDING send never decides again (no quiet hours, caps or consent re-read: the
 * first attempt may already have reached the provider). It claims the lease once no other attempt
 * may still be running, and then, if an earlier attempt may have reached the provider, follows the
 * channel's {@link DeliverySemantics}: send again with the same key, or record UNCERTAIN and stop.
 * An attempt that the provider certainly did not take ({@link AttemptFailures}) is always tried
 * again.
 */
@Component
public class SendActivitiesImpl implements SendActivities {

  /** The Temporal failure type of an attempt that found another attempt of its send running. */
  public static final String ATTEMPT_IN_FLIGHT = "SendAttemptInFlight";

  /** The ledger reason of a send on a channel without a configured provider. */
  public static final String CHANNEL_NOT_CONFIGURED = "channel_not_configured";

  private static final Logger log = LoggerFactory.getLogger(SendActivitiesImpl.class);

  private final MessageLedger ledger;
  private final CustomerRepository customers;
  private final PolicyGate policy;
  private final MessageRenderer renderer;
  private final TemplateStore templates;
  private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final UnsubscribeLinks unsubscribeLinks;
  private final SendRateLimiter rateLimiter;
  private final DeliveryProperties delivery;

  public SendActivitiesImpl(
      MessageLedger ledger,
      CustomerRepository customers,
      PolicyGate policy,
      MessageRenderer renderer,
      TemplateStore templates,
      List<ChannelSender> senders,
      TransactionTemplate transaction,
      Clock clock,
      UnsubscribeLinks unsubscribeLinks,
      SendRateLimiter rateLimiter,
      DeliveryProperties delivery) {
    this.ledger = ledger;
    this.customers = customers;
    this.policy = policy;
    this.renderer = renderer;
    this.templates = templates;
    senders.forEach(s -> this.senders.put(s.channel(), s));
    this.transaction = transaction;
    this.clock = clock;
    this.unsubscribeLinks = unsubscribeLinks;
    this.rateLimiter = rateLimiter;
    this.delivery = delivery;
  }

  @Override
  public SendOutcome send(SendRequest request) {
    try (AttemptHeartbeat heartbeat = AttemptHeartbeat.start()) {
      return send(request, heartbeat);
    }
  }

  private SendOutcome send(SendRequest request, AttemptHeartbeat heartbeat) {
    boolean slotReserved = false;
    Optional<LedgerEntry> earlier = ledger.find(request.idempotencyKey());
    if (earlier.isPresent()) {
      LedgerEntry entry = earlier.get();
      Instant now = clock.instant();
      switch (entry.status()) {
        case PENDING -> {
          Optional<String> accepted = heartbeat.earlier();
          if (accepted.isPresent()) {
            // the provider took it; the last attempt could not record that
            return sent(request, accepted.get());
          }
          return resume(request, entry, heartbeat);
        }
        case DEFERRED -> {
          if (entry.deferredUntil() != null && now.isBefore(entry.deferredUntil())) {
            return entry.outcome();
          }
        }
        case THROTTLED -> {
          if (now.isBefore(entry.deferredUntil())) {
            return new SendOutcome.Throttled(
                request.channel(), Duration.between(now, entry.deferredUntil()));
          }
          slotReserved = true;
        }
        default -> {
          return entry.outcome();
        }
      }
    }
    return decideAndSend(request, slotReserved, heartbeat);
  }

  /** A send not decided yet (new, or deferred or throttled before and now due). */
  private SendOutcome decideAndSend(
      SendRequest request, boolean slotReserved, AttemptHeartbeat heartbeat) {
    ChannelSender sender = senders.get(request.channel());
    if (sender == null && !request.holdout()) {
      // a configuration gap no retry closes: recorded, so the journey can fall back
      log.warn(
          "no provider configured for channel {}; see journeys.channels.* ({} failed)",
          request.channel(),
          request.idempotencyKey());
      record(request, Decision.of(LedgerStatus.FAILED, CHANNEL_NOT_CONFIGURED));
      return new SendOutcome.Failed(request.channel(), CHANNEL_NOT_CONFIGURED);
    }
    boolean tokenTaken = false;
    if (!slotReserved && !request.holdout()) {
      Optional<Duration> wait = rateLimiter.reserve(request);
      if (wait.isPresent()) {
        record(
            request,
            Decision.later(
                LedgerStatus.THROTTLED, clock.instant().plus(wait.get()), "rate_limited"));
        return new SendOutcome.Throttled(request.channel(), wait.get());
      }
      tokenTaken = true;
    }
    String attempt = UUID.randomUUID().toString();
    Step next;
    try {
      next = transaction.execute(tx -> decideAndRecord(request, sender, attempt));
    } catch (RuntimeException e) {
      if (tokenTaken) {
        rateLimiter.giveBack(request);
      }
      throw e;
    }
    if (next instanceof Step.Settled settled) {
      if (tokenTaken) {
        rateLimiter.giveBack(request);
      }
      return settled.outcome();
    }
    return deliver(request, ((Step.Deliver) next).message(), attempt, sender, heartbeat);
  }

  private Step decideAndRecord(SendRequest request, ChannelSender sender, String attempt) {
    customers.lockById(request.customerId());
    Optional<LedgerEntry> entry = ledger.find(request.idempotencyKey());
    if (entry.isPresent()
        && entry.get().status() != LedgerStatus.DEFERRED
        && entry.get().status() != LedgerStatus.THROTTLED) {
      if (entry.get().status() == LedgerStatus.PENDING) {
        throw decidedElsewhere(request);
      }
      return new Step.Settled(entry.get().outcome());
    }
    Optional<Customer> customer = customers.findById(request.customerId());
    // a hold-out customer is not sent anything whatever policy says; the ledger says why
    SendDecision decision =
        request.holdout()
            ? new SendDecision.Suppress(SendOutcome.Suppressed.HOLDOUT)
            : policy.decide(customer, request, clock.instant());
    if (decision instanceof SendDecision.Defer defer) {
      record(request, Decision.later(LedgerStatus.DEFERRED, defer.until(), defer.reason()));
      return new Step.Settled(new SendOutcome.Deferred(defer.until(), defer.reason()));
    }
    if (decision instanceof SendDecision.Suppress suppress) {
      record(request, Decision.of(LedgerStatus.SUPPRESSED, suppress.reason()));
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
      record(
          request,
          new Decision(LedgerStatus.FAILED, reason, recipient, null, null, null, null, null));
      return new Step.Settled(new SendOutcome.Failed(request.channel(), reason));
    }
    record(
        request,
        new Decision(
            LedgerStatus.PENDING,
            null,
            recipient,
            null,
            content.templateVersion(),
            content.templateLocale(),
            attempt,
            lease(sender)));
    return new Step.Deliver(message(request, recipient, content));
  }

  /**
   * A retry of an allowed send: completes that attempt under the same key, or gives it up as
   * UNCERTAIN; never decides again.
   */
  private SendOutcome resume(SendRequest request, LedgerEntry entry, AttemptHeartbeat heartbeat) {
    String key = request.idempotencyKey();
    ChannelSender sender = senders.get(request.channel());
    if (sender == null) {
      ledger.markFailed(key, CHANNEL_NOT_CONFIGURED);
      return new SendOutcome.Failed(request.channel(), CHANNEL_NOT_CONFIGURED);
    }
    String attempt = UUID.randomUUID().toString();
    Optional<Boolean> claimed = ledger.claim(key, attempt, lease(sender));
    if (claimed.isEmpty()) {
      Optional<Duration> running = ledger.leaseRemaining(key);
      LedgerEntry now = ledger.find(key).orElseThrow();
      if (running.isPresent() || now.status() == LedgerStatus.PENDING) {
        throw inFlight(request, running.orElse(Duration.ofSeconds(1)));
      }
      return now.outcome(); // the other attempt finished meanwhile
    }
    boolean inDoubt = claimed.get();
    if (inDoubt) {
      if (semantics(request) == DeliverySemantics.AT_MOST_ONCE) {
        log.warn(
            "send {}: an earlier attempt may have reached the provider; not sending again"
                + " (at most once on {} for {})",
            key,
            request.channel(),
            request.topic());
        ledger.markUncertain(key, "attempt_in_doubt");
        return new SendOutcome.Uncertain(request.channel(), "attempt_in_doubt");
      }
      log.warn(
          "send {}: an earlier attempt may have reached the provider; sending again with the same"
              + " idempotency key (at least once on {} for {})",
          key,
          request.channel(),
          request.topic());
    }
    OutboundMessage message;
    try {
      message = rebuild(request, entry);
    } catch (TemplateRenderException e) {
      String reason = "template_error: " + e.getMessage();
      ledger.markFailed(key, reason);
      return new SendOutcome.Failed(request.channel(), reason);
    }
    return deliver(request, message, attempt, sender, heartbeat);
  }

  /**
   * The message the decision allowed, again: to the recorded recipient, from the recorded template
   * version where it still exists.
   */
  private OutboundMessage rebuild(SendRequest request, LedgerEntry entry) {
    Customer customer =
        customers
            .findById(request.customerId())
            .orElseThrow(
                () -> new TemplateRenderException("customer " + request.customerId() + " is gone"));
    TemplateVariables variables = variables(request, customer);
    Optional<MessageTemplate> recorded =
        entry.templateVersion() == null
            ? Optional.empty()
            : templates.find(
                request.messageKey(),
                request.channel(),
                entry.templateLocale(),
                entry.templateVersion());
    RenderedMessage content =
        recorded
            .map(template -> renderer.render(template, variables))
            .orElseGet(
                () ->
                    renderer.render(
                        request.messageKey(), request.channel(), customer.locale(), variables));
    return message(request, entry.recipient(), content);
  }

  private OutboundMessage message(SendRequest request, String recipient, RenderedMessage content) {
    return new OutboundMessage(
        request.idempotencyKey(),
        recipient,
        request.topic(),
        content,
        request.customerId(),
        unsubscribeHeaders(request));
  }

  /**
   * Calls the provider under the attempt's lease. A failure the provider certainly did not accept
   * releases the lease and is retried; one that may have been accepted is given up on as UNCERTAIN
   * or retried in doubt, as the channel's semantics say.
   */
  private SendOutcome deliver(
      SendRequest request,
      OutboundMessage message,
      String attempt,
      ChannelSender sender,
      AttemptHeartbeat heartbeat) {
    String key = request.idempotencyKey();
    String providerId;
    try {
      providerId = sender.send(message);
    } catch (PermanentDeliveryFailure refused) {
      ledger.markFailed(key, refused.reason());
      return new SendOutcome.Failed(request.channel(), refused.reason());
    } catch (RuntimeException failure) {
      boolean inDoubt = !AttemptFailures.notAccepted(failure);
      if (inDoubt && semantics(request) == DeliverySemantics.AT_MOST_ONCE) {
        log.warn(
            "send {}: no answer from the provider, not sending again (at most once): {}",
            key,
            failure.toString());
        ledger.markUncertain(key, "no_answer");
        return new SendOutcome.Uncertain(request.channel(), "no_answer");
      }
      ledger.release(key, attempt, inDoubt);
      throw failure;
    }
    // the window: the provider has it, the ledger does not say so yet
    try {
      return sent(request, providerId);
    } catch (RuntimeException ledgerDown) {
      // the next attempt finds it in the heartbeat details and records it SENT
      heartbeat.carry(providerId);
      throw ledgerDown;
    }
  }

  private SendOutcome sent(SendRequest request, String providerId) {
    ledger.markSent(request.idempotencyKey(), providerId);
    log.info(
        "sent {} to {} on {} ({})",
        request.messageKey(),
        request.customerId(),
        request.channel(),
        providerId);
    return new SendOutcome.Sent(request.channel(), providerId);
  }

  private DeliverySemantics semantics(SendRequest request) {
    return delivery.of(request.channel(), request.topic());
  }

  /** How long an attempt may hold its send: the channel's longest attempt and a margin. */
  private Duration lease(ChannelSender sender) {
    return sender == null
        ? delivery.leaseMargin()
        : sender.longestAttempt().plus(delivery.leaseMargin());
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

  private void record(SendRequest request, Decision decision) {
    if (!ledger.decide(request, decision)) {
      // a concurrent attempt of the same send got there first; let Temporal retry and re-read
      throw decidedElsewhere(request);
    }
  }

  private static IllegalStateException decidedElsewhere(SendRequest request) {
    return new IllegalStateException(
        "send " + request.idempotencyKey() + " is being decided by another attempt");
  }

  private static ApplicationFailure inFlight(SendRequest request, Duration remaining) {
    return ApplicationFailure.newBuilder()
        .setType(ATTEMPT_IN_FLIGHT)
        .setMessage(
            "send "
                + request.idempotencyKey()
                + " has an attempt that may still be talking to the provider; trying again in "
                + remaining.toSeconds()
                + " s, when its lease ends")
        .setNextRetryDelay(remaining.plusSeconds(1))
        .build();
  }

  /**
   * The profile, the message's data as {@code event.*}, and the send: its key and channel, and the
   * one-click unsubscribe link of a promotional email.
   */
  private TemplateVariables variables(SendRequest request, Customer customer) {
    String unsubscribe =
        request.channel() == Channel.EMAIL && request.topic().isPromotional()
            ? unsubscribeLinks
                .linkFor(request.customerId(), request.channel(), request.topic())
                .orElse(null)
            : null;
    return TemplateVariables.of(customer, request.data())
        .withMessage(
            Map.of(
                "key",
                request.messageKey(),
                "channel",
                request.channel().name().toLowerCase(java.util.Locale.ROOT)),
            unsubscribe);
  }

  /** What the decision transaction leaves to do. */
  private sealed interface Step {
    record Settled(SendOutcome outcome) implements Step {}

    record Deliver(OutboundMessage message) implements Step {}
  }
}
