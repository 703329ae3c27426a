package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The runtime a journey workflow is written against: waits, sends, steps and goals, so that the
 * journey class reads like the marketing brief.
 *
 * <p>Create one as a field of the workflow implementation (so that signals arriving before the
 * workflow method starts are kept), forward the {@link CustomerJourney} signal and query to it,
 * and run the journey body through {@link #run}:
 *
 * <pre>{@code
 * private final Journey journey = Journey.withGoals(EventTypes.ORDER_PLACED);
 *
 * public JourneyOutcome run(Enrollment enrollment) {
 *   return journey.run(enrollment, () -> {
 *     journey.pause(Duration.ofHours(1));
 *     journey.send(Message.email("cart-reminder"));
 *   });
 * }
 * }</pre>
 *
 * <p>Goal events end the journey as {@link JourneyOutcome#CONVERTED} at any wait and before any
 * send; the body does not test for them.
 */
public final class Journey {

  private static final Logger log = Workflow.getLogger(Journey.class);
  /** A send deferred this often is given up (still Deferred); policy never defers forever. */
  private static final int MAX_DEFERRALS = 10;

  private static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);

  private final Set<String> goals;
  private final SendActivities sends;
  private final List<CustomerEvent> inbox = new ArrayList<>();
  private final Set<String> seenEventIds = new HashSet<>();
  private final Map<String, Integer> sendsPerStep = new HashMap<>();
  private final List<JourneyState.MessageRecord> messages = new ArrayList<>();

  private Enrollment enrollment;
  private CustomerEvent goalEvent;
  private String step = "enrolled";
  private String waitingFor;
  private Instant wakeUpAt;
  private JourneyOutcome outcome;

  private Journey(Set<String> goals, JourneyActivityOptions options) {
    this.goals = Set.copyOf(goals);
    this.sends = Workflow.newActivityStub(SendActivities.class, options.send());
  }

  /** A journey that ends as converted as soon as an event of one of these types arrives. */
  public static Journey withGoals(String... goalEventTypes) {
    return new Journey(Set.of(goalEventTypes), JourneyActivityOptions.defaults());
  }

  /** As {@link #withGoals}, with the journey's own activity timeouts and retries. */
  public static Journey withGoals(JourneyActivityOptions options, String... goalEventTypes) {
    return new Journey(Set.of(goalEventTypes), options);
  }

  /**
   * Runs the journey body for this enrollment and returns how it ended: {@code CONVERTED} if a
   * goal event arrived, {@code COMPLETED} if the body ran to its end.
   */
  public JourneyOutcome run(Enrollment enrollment, Runnable body) {
    this.enrollment = enrollment;
    Workflow.upsertTypedSearchAttributes(
        JourneySearchAttributes.CUSTOMER_ID.valueSet(enrollment.customerId()),
        JourneySearchAttributes.JOURNEY.valueSet(enrollment.journey()));
    if (enrollment.trigger() != null) {
      receive(enrollment.trigger());
    }
    try {
      checkGoal();
      body.run();
      return finish(JourneyOutcome.COMPLETED);
    } catch (GoalReached reached) {
      log.info("goal {} reached at step {}", reached.event.type(), step);
      return finish(JourneyOutcome.CONVERTED);
    }
  }

  /** Takes a customer event into the journey's inbox; a repeated event id is ignored. */
  public void receive(CustomerEvent event) {
    if (!seenEventIds.add(event.eventId())) {
      return;
    }
    inbox.add(event);
    if (goalEvent == null && goals.contains(event.type())) {
      goalEvent = event;
    }
  }

  /** Names the step the journey is in; shown in the state query and the JourneyStep attribute. */
  public void step(String name) {
    this.step = name;
    Workflow.upsertTypedSearchAttributes(JourneySearchAttributes.JOURNEY_STEP.valueSet(name));
  }

  /** Waits for a duration; a goal event ends the wait (and the journey) early. */
  public void pause(Duration duration) {
    waitUntil("timer", duration, () -> false);
  }

  /**
   * Waits up to {@code timeout} for an event of a type that arrived after enrollment, and returns
   * it, or empty on timeout. A goal event ends the journey unless it is the awaited type.
   */
  public Optional<CustomerEvent> waitFor(String eventType, Duration timeout) {
    return waitFor(eventType, e -> true, timeout);
  }

  /** As {@link #waitFor(String, Duration)}, for an event that also matches {@code condition}. */
  public Optional<CustomerEvent> waitFor(
      String eventType, Predicate<CustomerEvent> condition, Duration timeout) {
    Predicate<CustomerEvent> wanted =
        e -> e.is(eventType) && !isTrigger(e) && condition.test(e);
    waitUntil(eventType, timeout, () -> inbox.stream().anyMatch(wanted));
    return inbox.stream().filter(wanted).findFirst();
  }

  /**
   * Waits up to {@code timeout} for the first event after enrollment, of any type, that matches
   * {@code wanted}, and returns it, or empty on timeout; {@code description} is what the state
   * query shows the journey waiting for. A goal event ends the journey. See {@link DeliveryWait}.
   */
  public Optional<CustomerEvent> waitForEvent(
      String description, Predicate<CustomerEvent> wanted, Duration timeout) {
    Predicate<CustomerEvent> match = e -> !isTrigger(e) && wanted.test(e);
    waitUntil(description, timeout, () -> inbox.stream().anyMatch(match));
    return inbox.stream().filter(match).findFirst();
  }

  /**
   * Sends a message unless a goal has been reached, and records the outcome. With several
   * channels, each is tried in order until one is sent or deferred; a channel that is suppressed
   * (no address, no consent) or refused for good is passed over, and the ledger shows why.
   *
   * <p>The idempotency key is the enrollment (workflow id and first run id), the step, its
   * iteration and the channel, so retries, replays and worker restarts never send twice.
   */
  public SendOutcome send(Message message) {
    checkGoal();
    int iteration = sendsPerStep.merge(message.step(), 1, Integer::sum);
    var info = Workflow.getInfo();
    String stepKey =
        info.getWorkflowId()
            + "/"
            + info.getFirstExecutionRunId()
            + "/"
            + message.step()
            + (iteration > 1 ? "#" + iteration : "");
    SendOutcome result = null;
    for (Channel channel : message.channels()) {
      var request =
          new SendRequest(
              stepKey + "/" + channel.name().toLowerCase(java.util.Locale.ROOT),
              enrollment.customerId(),
              enrollment.journey(),
              message.step(),
              channel,
              message.topic(),
              message.key(),
              message.data(),
              message.expiresAt());
      result = sendWhenAllowed(request);
      messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
      if (result instanceof SendOutcome.Sent || result instanceof SendOutcome.Deferred) {
        break;
      }
    }
    return result;
  }

  /**
   * Sends, and while policy defers the send (quiet hours, contact windows) sleeps on a durable
   * timer until the time it names and asks again under a new idempotency key ({@code
   * .../retry-1}, ...), so the ledger keeps the deferral and the later decision apart. A goal
   * reached while waiting ends the journey as usual.
   */
  private SendOutcome sendWhenAllowed(SendRequest request) {
    SendOutcome result = sends.send(request);
    for (int retry = 1;
        retry <= MAX_DEFERRALS && result instanceof SendOutcome.Deferred deferred;
        retry++) {
      Duration wait =
          Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), deferred.until());
      waitUntil("deferred:" + deferred.reason(), wait.compareTo(MIN_DEFERRAL) < 0 ? MIN_DEFERRAL : wait, () -> false);
      result = sends.send(request.withIdempotencyKey(request.idempotencyKey() + "/retry-" + retry));
    }
    return result;
  }

  /** The enrollment this journey runs for. */
  public Enrollment enrollment() {
    return enrollment;
  }

  /** Every distinct event received so far, the trigger first. */
  public List<CustomerEvent> events() {
    return List.copyOf(inbox);
  }

  public JourneyState state() {
    return new JourneyState(
        enrollment == null ? null : enrollment.journey(),
        enrollment == null ? null : enrollment.customerId(),
        step,
        waitingFor,
        wakeUpAt,
        List.copyOf(messages),
        outcome);
  }

  private void waitUntil(String what, Duration timeout, java.util.function.Supplier<Boolean> done) {
    waitingFor = what;
    wakeUpAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(timeout);
    try {
      Workflow.await(timeout, () -> goalEvent != null || done.get());
    } finally {
      waitingFor = null;
      wakeUpAt = null;
    }
    checkGoal();
  }

  private void checkGoal() {
    if (goalEvent != null) {
      throw new GoalReached(goalEvent);
    }
  }

  private boolean isTrigger(CustomerEvent e) {
    return enrollment.trigger() != null && enrollment.trigger().eventId().equals(e.eventId());
  }

  private JourneyOutcome finish(JourneyOutcome result) {
    this.outcome = result;
    this.step = result == JourneyOutcome.CONVERTED ? "converted" : "completed";
    Workflow.upsertTypedSearchAttributes(
        JourneySearchAttributes.JOURNEY_STEP.valueSet(step),
        JourneySearchAttributes.JOURNEY_OUTCOME.valueSet(result.name()));
    return result;
  }
}
