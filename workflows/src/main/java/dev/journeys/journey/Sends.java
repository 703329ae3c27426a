package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.workflow.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A journey's messages: each send through the send activity under its idempotency key, channel
 * after channel, deferrals slept out on durable timers, and a record of what became of each.
 */
final class Sends {

  /** A send deferred this often is given up (still Deferred); policy never defers forever. */
  static final int MAX_DEFERRALS = 10;

  static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);

  private final SummarizedActivities<SendActivities> sends;
  private final Inbox inbox;
  private final Waits waits;
  private final StepKeys keys;
  private final Supplier<Enrollment> enrollment;
  private final List<JourneyState.MessageRecord> messages = new ArrayList<>();

  Sends(
      SummarizedActivities<SendActivities> sends,
      Inbox inbox,
      Waits waits,
      StepKeys keys,
      Supplier<Enrollment> enrollment) {
    this.sends = sends;
    this.inbox = inbox;
    this.waits = waits;
    this.keys = keys;
    this.enrollment = enrollment;
  }

  /** Tries the message's channels in order until one is sent or deferred. */
  SendOutcome send(Message message) {
    inbox.checkEnded();
    String stepKey = keys.next(message.step());
    SendOutcome result = null;
    for (Channel channel : message.channels()) {
      var request = request(stepKey, message, channel);
      result = sendWhenAllowed(request);
      messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
      if (result instanceof SendOutcome.Sent || result instanceof SendOutcome.Deferred) {
        break;
      }
    }
    return result;
  }

  /** Records the message, first channel only, as withheld from the hold-out group. */
  SendOutcome holdBack(Message message) {
    inbox.checkEnded();
    Channel channel = message.channels().getFirst();
    var request = request(keys.next(message.step()), message, channel).heldOut();
    SendOutcome result =
        inbox.race(() -> Async.function(sends.summarized(Summaries.send(request))::send, request));
    messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
    return result;
  }

  /**
   * Sends, and while policy defers the send (quiet hours, contact windows) sleeps on a durable
   * timer until the time it names and asks again under a new idempotency key ({@code .../retry-1},
   * ...), so the ledger keeps the deferral and the later decision apart.
   */
  private SendOutcome sendWhenAllowed(SendRequest request) {
    SendOutcome result =
        inbox.race(() -> Async.function(sends.summarized(Summaries.send(request))::send, request));
    for (int retry = 1;
        retry <= MAX_DEFERRALS && result instanceof SendOutcome.Deferred deferred;
        retry++) {
      Duration wait = Duration.between(Waits.now(), deferred.until());
      waits.until(
          "deferred:" + deferred.reason(),
          wait.compareTo(MIN_DEFERRAL) < 0 ? MIN_DEFERRAL : wait,
          () -> false);
      var again = request.withIdempotencyKey(request.idempotencyKey() + "/retry-" + retry);
      result =
          inbox.race(() -> Async.function(sends.summarized(Summaries.send(again))::send, again));
    }
    return result;
  }

  private SendRequest request(String stepKey, Message message, Channel channel) {
    return new SendRequest(
        stepKey + "/" + channel.name().toLowerCase(Locale.ROOT),
        enrollment.get().customerId(),
        enrollment.get().journey(),
        message.step(),
        channel,
        message.topic(),
        message.key(),
        message.data(),
        message.expiresAt());
  }

  /** The message with {@code preferred} tried first, then its own channels in order. */
  static Message preferring(Message message, Channel preferred) {
    if (preferred == null) {
      return message;
    }
    var channels = new ArrayList<Channel>();
    channels.add(preferred);
    message.channels().stream().filter(c -> c != preferred).forEach(channels::add);
    return new Message(
        message.key(),
        channels,
        message.topic(),
        message.step(),
        message.data(),
        message.expiresAt());
  }

  /** A digest's data: {@code count} and {@code items}, the events' properties in order. */
  static Map<String, Object> summaryOf(List<CustomerEvent> events) {
    List<Object> items = new ArrayList<>();
    events.forEach(e -> items.add(e.properties()));
    Map<String, Object> summary = new HashMap<>();
    summary.put("count", events.size());
    summary.put("items", items);
    return summary;
  }

  /** What became of the last send of a step (the last channel tried). */
  Optional<SendOutcome> outcomeOf(String step) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).step().equals(step)) {
        return Optional.of(messages.get(i).outcome());
      }
    }
    return Optional.empty();
  }

  boolean wasSent(String step) {
    return messages.stream()
        .anyMatch(m -> m.step().equals(step) && m.outcome() instanceof SendOutcome.Sent);
  }

  /** Every message asked for so far (a live view). */
  List<JourneyState.MessageRecord> messages() {
    return messages;
  }

  void restore(List<JourneyState.MessageRecord> carried) {
    messages.addAll(carried);
  }
}
