package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A journey's messages: each send through the send activity under its idempotency key, channel
 * after channel, deferrals slept out on durable timers, and a record of what became of each.
 */
final class Sends {

  /** A send deferred this often is given up (still Deferred); policy never defers forever. */
  static final int MAX_DEFERRALS = 10;

  static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);

  /** Added to each deferral and throttle wait, drawn from the workflow's deterministic random. */
  static final Duration MAX_JITTER = Duration.ofSeconds(5);

  /**
   * Added while journeys ran: each outcome handled as SendOutcome documents (same key after a
   * deferral, throttles waited out, Uncertain not fallen back from, activity failures recorded as
   * Failed), and sends completed rather than cancelled when a goal arrives. Enrollments started
   * before it replay {@link #legacySend}.
   */
  static final String SEND_OUTCOMES = "send-outcomes";

  private static final Logger log = Workflow.getLogger(Sends.class);

  private final SummarizedActivities<SendActivities> sends;
  private final Inbox inbox;
  private final Waits waits;
  private final StepKeys keys;
  private final Supplier<Enrollment> enrollment;
  private final List<JourneyState.MessageRecord> messages = new ArrayList<>();
  private Random random;

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

  /**
   * Tries the message's channels in order. Sent, Deferred (after {@link #MAX_DEFERRALS}) and
   * Uncertain end the loop (another channel could duplicate an uncertain message); Suppressed and
   * Failed try the next channel. A send is never raced against a goal: it completes and is recorded
   * before the goal ends the journey, so the ledger and the state agree.
   */
  SendOutcome send(Message message) {
    inbox.checkEnded();
    String stepKey = keys.next(message.step());
    if (Workflow.getVersion(SEND_OUTCOMES, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      return legacySend(message, stepKey);
    }
    SendOutcome result = null;
    for (Channel channel : message.channels()) {
      inbox.checkEnded();
      var request = request(stepKey, message, channel);
      result = sendUntilDecided(request);
      messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
      if (!(result instanceof SendOutcome.Suppressed || result instanceof SendOutcome.Failed)) {
        break;
      }
    }
    // a goal that came while the send was in flight ends the journey now, the send recorded
    inbox.checkEnded();
    return result;
  }

  /**
   * Asks the send activity under one key until it decides: a deferral (quiet hours) and a throttle
   * (the channel's rate) are slept out on durable timers, with a little jitter so a backlog does
   * not wake at once, and the same request is asked again under the same key. Throttles are not
   * capped (goals and the message's expiry bound them); deferrals are, as before.
   */
  private SendOutcome sendUntilDecided(SendRequest request) {
    SendOutcome result = call(request);
    int deferrals = 0;
    while (true) {
      Duration wait;
      String what;
      if (result instanceof SendOutcome.Throttled throttled) {
        wait = throttled.retryAfter();
        what = "throttled:" + throttled.channel().name().toLowerCase(Locale.ROOT);
      } else if (result instanceof SendOutcome.Deferred deferred && deferrals < MAX_DEFERRALS) {
        deferrals++;
        wait = Duration.between(Waits.now(), deferred.until());
        what = "deferred:" + deferred.reason();
      } else {
        return result;
      }
      waits.until(what, atLeastMin(wait).plus(jitter()), () -> false);
      result = call(request);
    }
  }

  /**
   * One attempt at the activity. Not raced against goals (a cancelled attempt may still reach the
   * provider, unrecorded here); an activity failure (retries are unbounded, so only a non-retryable
   * one gets here) is recorded as Failed and the journey goes on.
   */
  private SendOutcome call(SendRequest request) {
    try {
      return sends.summarized(Summaries.send(request)).send(request);
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof CanceledFailure cancelled) {
        throw cancelled; // the workflow was cancelled: Journey records CANCELLED
      }
      log.warn("send {} failed: {}", request.idempotencyKey(), failure.getMessage());
      return new SendOutcome.Failed(request.channel(), "activity_failed: " + causeOf(failure));
    }
  }

  private static String causeOf(ActivityFailure failure) {
    Throwable cause = failure.getCause() == null ? failure : failure.getCause();
    return cause instanceof ApplicationFailure app
        ? app.getType()
        : cause.getClass().getSimpleName();
  }

  private Duration jitter() {
    if (random == null) {
      random = Workflow.newRandom();
    }
    return Duration.ofMillis(random.nextInt((int) MAX_JITTER.toMillis() + 1));
  }

  private static Duration atLeastMin(Duration wait) {
    return wait.compareTo(MIN_DEFERRAL) < 0 ? MIN_DEFERRAL : wait;
  }

  /** Records the message, first channel only, as withheld from the hold-out group. */
  SendOutcome holdBack(Message message) {
    inbox.checkEnded();
    Channel channel = message.channels().getFirst();
    var request = request(keys.next(message.step()), message, channel).heldOut();
    SendOutcome result;
    if (Workflow.getVersion(SEND_OUTCOMES, Workflow.DEFAULT_VERSION, 1)
        == Workflow.DEFAULT_VERSION) {
      result =
          inbox.race(
              () -> Async.function(sends.summarized(Summaries.send(request))::send, request));
    } else {
      result = call(request);
    }
    messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
    inbox.checkEnded();
    return result;
  }

  /**
   * Before {@link #SEND_OUTCOMES}: stops only on Sent or Deferred, races each send against goals,
   * and asks again after a deferral under a new key ({@code .../retry-1}, ...). Kept so that
   * enrollments started before it replay with the keys they used.
   */
  private SendOutcome legacySend(Message message, String stepKey) {
    SendOutcome result = null;
    for (Channel channel : message.channels()) {
      var request = request(stepKey, message, channel);
      result = legacySendWhenAllowed(request);
      messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
      if (result instanceof SendOutcome.Sent || result instanceof SendOutcome.Deferred) {
        break;
      }
    }
    return result;
  }

  private SendOutcome legacySendWhenAllowed(SendRequest request) {
    SendOutcome result =
        inbox.race(() -> Async.function(sends.summarized(Summaries.send(request))::send, request));
    for (int retry = 1;
        retry <= MAX_DEFERRALS && result instanceof SendOutcome.Deferred deferred;
        retry++) {
      Duration wait = Duration.between(Waits.now(), deferred.until());
      waits.until("deferred:" + deferred.reason(), atLeastMin(wait), () -> false);
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
