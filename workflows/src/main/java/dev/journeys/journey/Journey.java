package dev.journeys.journey;

import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffRequest;
import dev.journeys.handoff.HandoffTicket;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The runtime a journey workflow is written against: waits, sends, branches, experiments, steps and
 * goals, so that the journey class reads like the marketing brief.
 *
 * <p>Create one as a field of the workflow implementation (so that signals arriving before the
 * workflow method starts are kept), forward the {@link CustomerJourney} signal and query to it, and
 * run the journey body through {@link #run}:
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
 * <p>Goal events end the journey as {@link JourneyOutcome#CONVERTED}, exit events (see {@link
 * #exitOn}) as {@link JourneyOutcome#EXITED}, at any wait, before any send and while a send is in
 * flight; the body does not test for them. A cancelled workflow records {@link
 * JourneyOutcome#CANCELLED}.
 */
public final class Journey {

  private static final Logger log = Workflow.getLogger(Journey.class);

  /** A send deferred this often is given up (still Deferred); policy never defers forever. */
  private static final int MAX_DEFERRALS = 10;

  private static final Duration MIN_DEFERRAL = Duration.ofSeconds(1);

  /** Temporal's history limit is 50k events; stay far below it by default. */
  static final int DEFAULT_CONTINUE_AS_NEW_AFTER = 5_000;

  private final Set<String> goals;
  private final Set<String> exits = new HashSet<>();
  private final SendActivities sends;
  private final CustomerActivities profiles;
  private final HandoffActivities handoffs;
  private final ExperimentActivities experiments;
  private final JourneyActivityOptions options;
  private final List<CustomerEvent> inbox = new ArrayList<>();
  private final Set<String> seenEventIds = new HashSet<>();
  private final Map<String, Integer> sendsPerStep = new HashMap<>();
  private final Map<String, Integer> progress = new HashMap<>();
  private final Map<String, String> variants = new LinkedHashMap<>();
  private final List<JourneyState.MessageRecord> messages = new ArrayList<>();

  private int continueAsNewAfter = DEFAULT_CONTINUE_AS_NEW_AFTER;
  private SendWindow sendWindow = SendWindow.DAYTIME;
  private Enrollment enrollment;
  private CustomerEvent endEvent;
  private JourneyOutcome endOutcome;
  private String step = "enrolled";
  private String waitingFor;
  private Instant wakeUpAt;
  private JourneyOutcome outcome;
  private CustomerProfile profile;
  private String profileStep;

  private Journey(Set<String> goals, JourneyActivityOptions options) {
    this.goals = Set.copyOf(goals);
    this.options = options;
    this.sends = Workflow.newActivityStub(SendActivities.class, options.send());
    this.profiles = Workflow.newActivityStub(CustomerActivities.class, options.lookup());
    this.handoffs = Workflow.newActivityStub(HandoffActivities.class, options.handoff());
    this.experiments = Workflow.newActivityStub(ExperimentActivities.class, options.lookup());
  }

  /** A journey that ends as converted as soon as an event of one of these types arrives. */
  public static Journey withGoals(String... goalEventTypes) {
    return new Journey(Set.of(goalEventTypes), JourneyActivityOptions.defaults());
  }

  /** As {@link #withGoals}, with the journey's own activity timeouts and retries. */
  public static Journey withGoals(JourneyActivityOptions options, String... goalEventTypes) {
    return new Journey(Set.of(goalEventTypes), options);
  }

  /** Also ends the journey, as {@code EXITED}, on these events, e.g. {@code unsubscribed}. */
  public Journey exitOn(String... exitEventTypes) {
    exits.addAll(List.of(exitEventTypes));
    return this;
  }

  /** Continue as new once the history has this many events (checked in {@link #repeat}). */
  public Journey continueAsNewAfter(int historyEvents) {
    if (historyEvents < 1) {
      throw new IllegalArgumentException("historyEvents must be positive");
    }
    this.continueAsNewAfter = historyEvents;
    return this;
  }

  /** The hours of the customer's day {@link #pauseUntilSendWindow()} waits for. */
  public Journey sendWindow(SendWindow window) {
    this.sendWindow = window;
    return this;
  }

  /** The activity options this journey uses, for journeys that call their own activities. */
  public JourneyActivityOptions activityOptions() {
    return options;
  }

  /**
   * Runs the journey body for this enrollment and returns how it ended: {@code CONVERTED} if a goal
   * event arrived, {@code EXITED} on an exit event, {@code COMPLETED} if the body ran to its end.
   */
  public JourneyOutcome run(Enrollment enrollment, Runnable body) {
    this.enrollment = enrollment;
    Workflow.upsertTypedSearchAttributes(
        JourneySearchAttributes.CUSTOMER_ID.valueSet(enrollment.customerId()),
        JourneySearchAttributes.JOURNEY.valueSet(enrollment.journey()));
    if (enrollment.carryover() != null) {
      restore(enrollment.carryover());
    } else if (enrollment.trigger() != null) {
      receive(enrollment.trigger());
    }
    try {
      checkGoal();
      body.run();
      return finish(JourneyOutcome.COMPLETED);
    } catch (GoalReached reached) {
      log.info(
          "{} by {} at step {}",
          reached.outcome,
          reached.event == null ? "the journey" : reached.event.type(),
          step);
      return finish(reached.outcome);
    } catch (CanceledFailure cancelled) {
      Workflow.newDetachedCancellationScope(() -> finish(JourneyOutcome.CANCELLED)).run();
      throw cancelled;
    }
  }

  /** Takes a customer event into the journey's inbox; a repeated event id is ignored. */
  public void receive(CustomerEvent event) {
    if (!seenEventIds.add(event.eventId())) {
      return;
    }
    inbox.add(event);
    if (endEvent == null && enrollment != null && isTrigger(event)) {
      return;
    }
    if (endEvent == null && goals.contains(event.type())) {
      endEvent = event;
      endOutcome = JourneyOutcome.CONVERTED;
    } else if (endEvent == null && exits.contains(event.type())) {
      endEvent = event;
      endOutcome = JourneyOutcome.EXITED;
    }
  }

  /** Names the step the journey is in; shown in the state query and the JourneyStep attribute. */
  public void step(String name) {
    this.step = name;
    Workflow.upsertTypedSearchAttributes(JourneySearchAttributes.JOURNEY_STEP.valueSet(name));
  }

  // ---- waits ----

  /** Waits for a duration; a goal event ends the wait (and the journey) early. */
  public void pause(Duration duration) {
    waitUntil("timer", duration, () -> false);
  }

  /** Waits until a point in time; returns at once if it has passed. */
  public void pauseUntil(Instant instant) {
    Duration left = Duration.between(now(), instant);
    if (left.isNegative() || left.isZero()) {
      checkGoal();
      return;
    }
    pause(left);
  }

  /**
   * Waits until the next time the customer's clock shows {@code time}, optionally only on these
   * weekdays, e.g. {@code journey.pauseUntilLocal(LocalTime.of(10, 0), DayOfWeek.SATURDAY)}. The
   * zone comes from the profile (UTC when unknown).
   */
  public void pauseUntilLocal(LocalTime time, DayOfWeek... onDays) {
    pauseUntil(nextLocal(time, onDays));
  }

  /** Waits until the customer's next send window opens; returns at once inside a window. */
  public void pauseUntilSendWindow() {
    var local = now().atZone(profile().zone());
    if (sendWindow.contains(local.toLocalTime())) {
      checkGoal();
      return;
    }
    pauseUntilLocal(sendWindow.opens());
  }

  /** The next instant at which the customer's clock shows {@code time} (on one of the days). */
  public Instant nextLocal(LocalTime time, DayOfWeek... onDays) {
    Set<DayOfWeek> days =
        onDays.length == 0 ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(List.of(onDays));
    ZonedDateTime local = now().atZone(profile().zone());
    ZonedDateTime candidate = local.with(time);
    for (int i = 0; i < 8; i++) {
      if (candidate.isAfter(local) && days.contains(candidate.getDayOfWeek())) {
        return candidate.toInstant();
      }
      candidate = candidate.plusDays(1).with(time);
    }
    throw new IllegalStateException("no next " + time + " on " + days);
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
    Predicate<CustomerEvent> wanted = e -> e.is(eventType) && !isTrigger(e) && condition.test(e);
    waitUntil(eventType, timeout, () -> inbox.stream().anyMatch(wanted));
    return inbox.stream().filter(wanted).findFirst();
  }

  /**
   * Waits up to {@code timeout} for the first event after enrollment, of any type, that matches
   * {@code wanted}, and returns it, or empty on timeout; {@code description} is what the state
   * query shows the journey waiting for. A goal event ends the journey. See {@link ReceiptWait}.
   */
  public Optional<CustomerEvent> waitForEvent(
      String description, Predicate<CustomerEvent> wanted, Duration timeout) {
    Predicate<CustomerEvent> match = e -> !isTrigger(e) && wanted.test(e);
    waitUntil(description, timeout, () -> inbox.stream().anyMatch(match));
    return inbox.stream().filter(match).findFirst();
  }

  /**
   * Waits up to {@code timeout} for the next event of a type, one that arrives after this call
   * (unlike {@link #waitFor}, which also sees events that came earlier in the enrollment).
   */
  public Optional<CustomerEvent> awaitNext(String eventType, Duration timeout) {
    return awaitNext(eventType, e -> true, timeout);
  }

  /** As {@link #awaitNext(String, Duration)}, for an event that also matches {@code condition}. */
  public Optional<CustomerEvent> awaitNext(
      String eventType, Predicate<CustomerEvent> condition, Duration timeout) {
    int from = inbox.size();
    Predicate<CustomerEvent> wanted = e -> e.is(eventType) && condition.test(e);
    Supplier<Optional<CustomerEvent>> found =
        () -> inbox.subList(from, inbox.size()).stream().filter(wanted).findFirst();
    waitUntil(eventType, timeout, () -> found.get().isPresent());
    return found.get();
  }

  /**
   * Waits for {@code window} and returns every event of the type that arrived during it (for
   * digests: "collect views for a day, then send one summary").
   */
  public List<CustomerEvent> collect(String eventType, Duration window) {
    int before = inbox.size();
    pause(window);
    return inbox.subList(before, inbox.size()).stream().filter(e -> e.is(eventType)).toList();
  }

  /**
   * A digest: collects events of a type for {@code window}, then sends one message summarising them
   * (data {@code count} and {@code items}, the events' properties in order). Sends nothing, and
   * returns empty, when none came.
   *
   * <pre>{@code
   * journey.digest("price_dropped", Duration.ofDays(1), Message.email("price-drop-digest"));
   * }</pre>
   */
  public Optional<SendOutcome> digest(String eventType, Duration window, Message message) {
    var events = collect(eventType, window);
    if (events.isEmpty()) {
      return Optional.empty();
    }
    List<Object> items = new ArrayList<>();
    events.forEach(e -> items.add(e.properties()));
    Map<String, Object> summary = new HashMap<>();
    summary.put("count", events.size());
    summary.put("items", items);
    return Optional.of(send(message.with(summary)));
  }

  // ---- sends ----

  /**
   * Sends a message unless a goal has been reached, and records the outcome. With several channels,
   * each is tried in order until one is sent or deferred; a channel that is suppressed (no address,
   * no consent) or refused for good is passed over, and the ledger shows why.
   *
   * <p>A goal or exit event that arrives while the send is in flight cancels it and ends the
   * journey. The idempotency key is the enrollment (workflow id and first run id), the step, its
   * iteration and the channel, so retries, replays, worker restarts and continue-as-new never send
   * twice.
   */
  public SendOutcome send(Message message) {
    checkGoal();
    String stepKey = stepKey(message);
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

  /**
   * Withholds a message from a customer in an experiment's hold-out group, at the moment the others
   * get it: nothing is sent, but the ledger records it (first channel only) as suppressed with
   * reason {@code holdout}, so support can answer "why did I not get this?". Returns {@code
   * Suppressed("holdout")}; idempotent like {@link #send}, and ended by a goal like it.
   *
   * <pre>{@code
   * if (journey.inHoldout(EXPERIMENT)) {
   *   journey.holdBack(REMINDER);
   * } else {
   *   journey.send(REMINDER);
   * }
   * }</pre>
   */
  public SendOutcome holdBack(Message message) {
    checkGoal();
    Channel channel = message.channels().getFirst();
    var request = request(stepKey(message), message, channel).heldOut();
    SendOutcome result = raceWithGoal(() -> Async.function(sends::send, request));
    messages.add(new JourneyState.MessageRecord(message.step(), message.key(), channel, result));
    return result;
  }

  /** The enrollment (workflow id and first run id), the step and its iteration. */
  private String stepKey(Message message) {
    int iteration = sendsPerStep.merge(message.step(), 1, Integer::sum);
    var info = Workflow.getInfo();
    return info.getWorkflowId()
        + "/"
        + info.getFirstExecutionRunId()
        + "/"
        + message.step()
        + (iteration > 1 ? "#" + iteration : "");
  }

  private SendRequest request(String stepKey, Message message, Channel channel) {
    return new SendRequest(
        stepKey + "/" + channel.name().toLowerCase(java.util.Locale.ROOT),
        enrollment.customerId(),
        enrollment.journey(),
        message.step(),
        channel,
        message.topic(),
        message.key(),
        message.data(),
        message.expiresAt());
  }

  /**
   * Sends, and while policy defers the send (quiet hours, contact windows) sleeps on a durable
   * timer until the time it names and asks again under a new idempotency key ({@code .../retry-1},
   * ...), so the ledger keeps the deferral and the later decision apart. A goal reached while
   * waiting ends the journey as usual.
   */
  private SendOutcome sendWhenAllowed(SendRequest request) {
    SendOutcome result = raceWithGoal(() -> Async.function(sends::send, request));
    for (int retry = 1;
        retry <= MAX_DEFERRALS && result instanceof SendOutcome.Deferred deferred;
        retry++) {
      Duration wait =
          Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), deferred.until());
      waitUntil(
          "deferred:" + deferred.reason(),
          wait.compareTo(MIN_DEFERRAL) < 0 ? MIN_DEFERRAL : wait,
          () -> false);
      var again = request.withIdempotencyKey(request.idempotencyKey() + "/retry-" + retry);
      result = raceWithGoal(() -> Async.function(sends::send, again));
    }
    return result;
  }

  /**
   * Sends on the customer's preferred channel (from the profile), falling back to the message's own
   * channels in order.
   */
  public SendOutcome sendPreferred(Message message) {
    Channel preferred = profile().preferredChannel();
    if (preferred == null) {
      return send(message);
    }
    var channels = new ArrayList<Channel>();
    channels.add(preferred);
    message.channels().stream().filter(c -> c != preferred).forEach(channels::add);
    return send(
        new Message(
            message.key(),
            channels,
            message.topic(),
            message.step(),
            message.data(),
            message.expiresAt()));
  }

  /**
   * Runs an activity call of the journey's own (from {@link #activityOptions()} stubs) and returns
   * its result, unless a goal or exit event arrives first: then the call is cancelled and the
   * journey ends.
   */
  public <T> T call(Supplier<Promise<T>> start) {
    checkGoal();
    return raceWithGoal(start);
  }

  // ---- human handoff ----

  /**
   * Opens a helpdesk ticket with the journey's full context: the events so far, the messages and
   * their outcomes, and the customer's profile. One ticket per step, however often it is retried.
   */
  public HandoffTicket handOff(Handoff handoff) {
    checkGoal();
    var info = Workflow.getInfo();
    int iteration = sendsPerStep.merge("handoff:" + step, 1, Integer::sum);
    var request =
        new HandoffRequest(
            info.getWorkflowId()
                + "/"
                + info.getFirstExecutionRunId()
                + "/"
                + step
                + (iteration > 1 ? "#" + iteration : "")
                + "/handoff",
            enrollment.customerId(),
            enrollment.journey(),
            step,
            handoff.subject(),
            handoff.priority(),
            handoff.reason(),
            inbox,
            messages,
            profile());
    return raceWithGoal(() -> Async.function(handoffs::openTicket, request));
  }

  /**
   * Waits up to {@code timeout} for the helpdesk to report the ticket resolved (a {@code
   * ticket_resolved} event whose {@code ticketId} property is the ticket's id).
   */
  public Optional<CustomerEvent> awaitResolution(HandoffTicket ticket, Duration timeout) {
    return waitFor(
        EventTypes.TICKET_RESOLVED,
        e -> ticket.ticketId().equals(String.valueOf(e.properties().get("ticketId"))),
        timeout);
  }

  /** Ends the journey here with this outcome, e.g. {@code CONVERTED} on a purchase it awaited. */
  public void endAs(JourneyOutcome outcome) {
    throw new GoalReached(null, outcome);
  }

  // ---- branching ----

  /** The customer's profile, looked up once per step (a new step looks again). */
  public CustomerProfile profile() {
    if (profile == null || !step.equals(profileStep)) {
      profile = profiles.lookUp(enrollment.customerId());
      profileStep = step;
    }
    return profile;
  }

  /** A profile attribute, e.g. {@code journey.attribute("tier").filter("vip"::equals)}. */
  public Optional<Object> attribute(String name) {
    return profile().attribute(name);
  }

  /** What became of the last send of a step (the last channel tried), if it sent anything. */
  public Optional<SendOutcome> outcomeOf(String step) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).step().equals(step)) {
        return Optional.of(messages.get(i).outcome());
      }
    }
    return Optional.empty();
  }

  /** True when some channel of that step's message was handed to a provider. */
  public boolean wasSent(String step) {
    return messages.stream()
        .anyMatch(m -> m.step().equals(step) && m.outcome() instanceof SendOutcome.Sent);
  }

  /**
   * The customer's arm in an experiment, assigned on first use and recorded (state query and {@code
   * JourneyVariant} search attribute) so conversions can be attributed per variant.
   */
  public String variant(Experiment experiment) {
    return variant(experiment, customerId -> decidedOrAssigned(experiment, customerId));
  }

  /** Added while journeys ran: enrollments started before it replay without the look-up. */
  static final String EXPERIMENT_DECISIONS = "experiment-decisions";

  /**
   * The decided winner, if the experiment has been decided (through the API or automatically) and
   * names one of its arms; otherwise the deterministic split. The hold-out group stays held out
   * after a decision, so the journey's overall uplift can still be measured.
   */
  private String decidedOrAssigned(Experiment experiment, String customerId) {
    String assigned = experiment.assign(customerId);
    if (assigned.equals(Experiment.HOLDOUT)
        || Workflow.getVersion(EXPERIMENT_DECISIONS, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return assigned;
    }
    var decision = experiments.decision(experiment.name());
    if (decision == null || !decision.isDecided()) {
      return assigned;
    }
    if (!experiment.hasArm(decision.winner()) || decision.winner().equals(Experiment.HOLDOUT)) {
      log.warn(
          "experiment {} was decided for '{}', which is not one of its arms; keeping the split",
          experiment.name(),
          decision.winner());
      return assigned;
    }
    return decision.winner();
  }

  /**
   * As {@link #variant(Experiment)}, with the assignment supplied by the caller (e.g. a decided
   * winner looked up through an activity). Recorded once; later calls return the recorded arm.
   */
  public String variant(Experiment experiment, Function<String, String> assignment) {
    String known = variants.get(experiment.name());
    if (known != null) {
      return known;
    }
    String arm = assignment.apply(enrollment.customerId());
    if (!experiment.hasArm(arm)) {
      throw new IllegalStateException(
          "experiment '" + experiment.name() + "' has no arm '" + arm + "'");
    }
    variants.put(experiment.name(), arm);
    Workflow.upsertTypedSearchAttributes(
        JourneySearchAttributes.JOURNEY_VARIANT.valueSet(variantsAttribute()));
    return arm;
  }

  /** True when the customer is in the experiment's hold-out group (send them nothing). */
  public boolean inHoldout(Experiment experiment) {
    return Experiment.HOLDOUT.equals(variant(experiment));
  }

  // ---- loops and long-running journeys ----

  /**
   * Runs {@code body} for iterations 0..times-1 and continues as new between iterations once the
   * history is long, carrying the journey's state: the next run resumes at the next iteration.
   * {@code name} identifies the loop across runs.
   */
  public void repeat(String name, int times, IntConsumer body) {
    for (int i = progress.getOrDefault(name, 0); i < times; i++) {
      body.accept(i);
      progress.put(name, i + 1);
      checkGoal();
      if (i + 1 < times && historyIsLong()) {
        continueAsNew();
      }
    }
  }

  /** True once the workflow history has grown past the continue-as-new threshold. */
  public boolean historyIsLong() {
    var info = Workflow.getInfo();
    return info.getHistoryLength() >= continueAsNewAfter || info.isContinueAsNewSuggested();
  }

  /** Ends this run and continues the enrollment in a fresh one with the journey's state. */
  public void continueAsNew() {
    log.info("continuing as new at step {}", step);
    Workflow.continueAsNew(enrollment.continuedWith(carryover()));
  }

  // ---- read access ----

  /** The enrollment this journey runs for. */
  public Enrollment enrollment() {
    return enrollment;
  }

  /** Every distinct event received so far, the trigger first. */
  public List<CustomerEvent> events() {
    return List.copyOf(inbox);
  }

  /** The messages the journey asked for so far, and their outcomes. */
  public List<JourneyState.MessageRecord> messages() {
    return List.copyOf(messages);
  }

  /** The step the journey is in. */
  public String currentStep() {
    return step;
  }

  public JourneyState state() {
    return new JourneyState(
        enrollment == null ? null : enrollment.journey(),
        enrollment == null ? null : enrollment.customerId(),
        step,
        waitingFor,
        wakeUpAt,
        List.copyOf(messages),
        outcome,
        Map.copyOf(variants));
  }

  // ---- mechanics ----

  private <T> T raceWithGoal(Supplier<Promise<T>> start) {
    List<Promise<T>> holder = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(() -> holder.add(start.get()));
    scope.run();
    Promise<T> call = holder.getFirst();
    Workflow.await(() -> call.isCompleted() || endEvent != null);
    if (!call.isCompleted()) {
      // the customer converted or left while the call was in flight: stop it, end the journey
      scope.cancel();
      checkGoal();
    }
    return call.get();
  }

  /** The journey's current (workflow) time. */
  public Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private void waitUntil(String what, Duration timeout, Supplier<Boolean> done) {
    checkGoal();
    waitingFor = what;
    wakeUpAt = now().plus(timeout);
    try {
      Workflow.await(timeout, () -> endEvent != null || done.get());
    } finally {
      waitingFor = null;
      wakeUpAt = null;
    }
    checkGoal();
  }

  private void checkGoal() {
    if (endEvent != null) {
      throw new GoalReached(endEvent, endOutcome);
    }
  }

  private boolean isTrigger(CustomerEvent e) {
    return enrollment.trigger() != null && enrollment.trigger().eventId().equals(e.eventId());
  }

  private String variantsAttribute() {
    var parts = new ArrayList<String>();
    variants.forEach((experiment, arm) -> parts.add(experiment + "=" + arm));
    return String.join(",", parts);
  }

  private JourneyCarryover carryover() {
    return new JourneyCarryover(step, inbox, sendsPerStep, messages, variants, progress);
  }

  private void restore(JourneyCarryover carried) {
    carried.events().forEach(this::receive);
    sendsPerStep.putAll(carried.sendsPerStep());
    messages.addAll(carried.messages());
    variants.putAll(carried.variants());
    progress.putAll(carried.progress());
    step = carried.step() == null ? step : carried.step();
    if (!variants.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(
          JourneySearchAttributes.JOURNEY_VARIANT.valueSet(variantsAttribute()));
    }
  }

  /** Added while journeys ran: enrollments started before it end without recording outcomes. */
  static final String EXPERIMENT_OUTCOMES = "experiment-outcomes";

  private JourneyOutcome finish(JourneyOutcome result) {
    if (!variants.isEmpty()
        && result != JourneyOutcome.CANCELLED
        && Workflow.getVersion(EXPERIMENT_OUTCOMES, Workflow.DEFAULT_VERSION, 1) >= 1) {
      var info = Workflow.getInfo();
      String enrollmentId = info.getWorkflowId() + "/" + info.getFirstExecutionRunId();
      variants.forEach(
          (experiment, arm) ->
              experiments.recordOutcome(
                  new dev.journeys.experiment.ExperimentOutcome(
                      experiment, arm, enrollmentId, result)));
    }
    this.outcome = result;
    this.step = result.name().toLowerCase(java.util.Locale.ROOT);
    Workflow.upsertTypedSearchAttributes(
        JourneySearchAttributes.JOURNEY_STEP.valueSet(step),
        JourneySearchAttributes.JOURNEY_OUTCOME.valueSet(result.name()));
    return result;
  }
}
