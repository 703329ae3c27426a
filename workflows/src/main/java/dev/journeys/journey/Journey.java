package dev.journeys.journey;

import dev.journeys.customer.CustomerActivities;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.handoff.HandoffActivities;
import dev.journeys.handoff.HandoffTicket;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
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
 * The runtime a journey workflow is written against, so that the journey class reads like the
 * marketing brief. A facade: the inbox and its goals and exits ({@link Inbox}), waits ({@link
 * Waits}), sends and their idempotency keys ({@link Sends}, {@link StepKeys}), experiments and the
 * hold-out group ({@link Experiments}, {@link HoldOut}), handoffs ({@link Handoffs}) and the step,
 * loops and outcome ({@link Progress}) each live in a class of their own.
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
 *     journey.pause("wait-for-order", Duration.ofHours(1));
 *     journey.send(Message.email("cart-reminder"));   // at step "cart-reminder"
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

  /** How long the enrollment log is retried before a journey goes on without the record. */
  static final java.time.Duration ENROLLMENT_LOG_GIVE_UP = java.time.Duration.ofMinutes(10);

  /**
   * The attempts the entry record's default retries (0.5 s doubling to 30 s) make in {@link
   * #ENROLLMENT_LOG_GIVE_UP}.
   */
  static final int ENTRY_RECORD_ATTEMPTS = 25;

  private static final Logger log = Workflow.getLogger(Journey.class);

  private final JourneyActivityOptions options;
  private final Inbox inbox;
  private final AttributeUpdates attributes = new AttributeUpdates();
  private final Progress progress = new Progress(attributes);
  private final StepKeys keys = new StepKeys(Journey::enrollmentId);
  private final Profiles profiles;
  private final Waits waits;
  private final Sends sends;
  private final Handoffs handoffs;
  private final Experiments experiments;
  private final HoldOut holdOut = new HoldOut();
  private final Attribution attribution;
  private Enrollment enrollment;
  private String endedBecause;

  /** The {@code repeat} loop this run continued in (carried), and the one it continues in. */
  private String resumeLoop;

  private String continuingLoop;

  private Journey(Set<String> goals, JourneyActivityOptions options) {
    this.options = options;
    this.inbox = new Inbox(goals);
    this.profiles =
        new Profiles(
            Workflow.newActivityStub(
                CustomerActivities.class, summarized(options.lookup(), "look up customer profile")),
            () -> enrollment.customerId(),
            progress::step);
    this.waits = new Waits(inbox, () -> profiles.get().zone(), progress::step, this::knownZone);
    waits.onChange(
        () -> {
          // before and after each wait: what the task gathered is upserted before the journey
          // sleeps (after it, nothing is left)
          attributes.flush();
          describe();
        });
    this.sends =
        new Sends(
            new SummarizedActivities<>(SendActivities.class, options.send()),
            inbox,
            waits,
            keys,
            () -> enrollment);
    this.handoffs =
        new Handoffs(
            new SummarizedActivities<>(HandoffActivities.class, options.handoff()),
            inbox,
            waits,
            keys,
            sends::messages,
            profiles::get);
    this.experiments =
        new Experiments(
            Workflow.newActivityStub(
                ExperimentActivities.class,
                summarized(options.lookup(), "experiment: read decision or record outcome")),
            Workflow.newLocalActivityStub(
                ExperimentActivities.class, local(options.lookup(), "experiment: read decision")),
            () -> enrollment.customerId(),
            attributes);
    // the funnel's bookkeeping is best effort: unlike lookups, whose retries never end, a store
    // that stays down gives it up and the journey goes on without it
    var bookkeeping =
        ActivityOptions.newBuilder(options.lookup())
            .setScheduleToCloseTimeout(ENROLLMENT_LOG_GIVE_UP)
            .build();
    this.attribution =
        new Attribution(
            Workflow.newActivityStub(dev.journeys.funnel.EnrollmentActivities.class, bookkeeping),
            Workflow.newLocalActivityStub(
                dev.journeys.funnel.EnrollmentActivities.class,
                LocalActivityOptions.newBuilder(local(bookkeeping, "funnel: record entry"))
                    .setScheduleToCloseTimeout(ENROLLMENT_LOG_GIVE_UP)
                    // a local activity's time limit is the worker's clock, which a time-skipping
                    // test never moves: the attempts that fill it bound it there too
                    .setRetryOptions(
                        RetryOptions.newBuilder(bookkeeping.getRetryOptions())
                            .setMaximumAttempts(ENTRY_RECORD_ATTEMPTS)
                            .build())
                    .build()),
            goals);
  }

  /** A journey that only ends when its story does (or on an exit, see {@link #exitOn}). */
  public static Journey create() {
    return new Journey(Set.of(), JourneyActivityOptions.defaults());
  }

  /** As {@link #create()}, with the journey's own activity timeouts and retries. */
  public static Journey create(JourneyActivityOptions options) {
    return new Journey(Set.of(), options);
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
    inbox.exitOn(List.of(exitEventTypes));
    return this;
  }

  /**
   * From here on, an event of these types ends the journey as {@code CONVERTED}, like a goal: at a
   * wait, during a deferred or throttled send, before the next send. One that arrived since the
   * last {@link #awaitNext} looked counts too. For a journey whose purchase only becomes a goal
   * once its messages start (win-back: before, a purchase restarts its clock).
   */
  public Journey convertOn(String... goalEventTypes) {
    inbox.goalsFrom(List.of(goalEventTypes), Math.min(waits.nextFrom(), inbox.size()));
    inbox.checkEnded();
    return this;
  }

  /**
   * Enrolled per entity (the definition's {@code enrolledPer(property)}): goals and exits end the
   * journey only when they carry the trigger's value of {@code property}, or none; call before
   * {@link #run}.
   */
  public Journey scopedTo(String property) {
    inbox.scopedTo(property);
    return this;
  }

  /** True when the event is about this enrollment's entity (see {@link #scopedTo}), or none. */
  public boolean concernsThisEnrollment(CustomerEvent event) {
    return inbox.inScope(event);
  }

  /** Continue as new once the history has this many events (checked in {@link #repeat}). */
  public Journey continueAsNewAfter(int historyEvents) {
    progress.continueAsNewAfter(historyEvents);
    return this;
  }

  /** The hours of the customer's day {@link #pauseUntilSendWindow()} waits for. */
  public Journey sendWindow(SendWindow window) {
    waits.sendWindow(window);
    return this;
  }

  /**
   * How long after its last message a goal still counts for the journey (default 5 days): the
   * journey listens for its goals that long before it completes.
   */
  public Journey attributionWindow(Duration window) {
    attribution.window(window);
    return this;
  }

  /** The journey's version in the funnel (default 1): raise it when its story changes. */
  public Journey version(int version) {
    attribution.journeyVersion(version);
    return this;
  }

  /** The activity options this journey uses, for journeys that call their own activities. */
  public JourneyActivityOptions activityOptions() {
    return options;
  }

  /** Runs the body for this enrollment; returns CONVERTED, EXITED or COMPLETED (ran to its end). */
  public JourneyOutcome run(Enrollment enrollment, Runnable body) {
    this.enrollment = enrollment;
    boolean lean = Workflow.getVersion(LEAN_FIRST_TASK, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (lean) {
      attributes.gather();
    }
    attribution.start(enrollment, enrollmentId(), lean);
    inbox.enrolled(enrollment.trigger());
    if (!lean || !JourneySearchAttributes.givenAtStart(enrollment)) {
      attributes.set(
          JourneySearchAttributes.CUSTOMER_ID.valueSet(enrollment.customerId()),
          JourneySearchAttributes.JOURNEY.valueSet(enrollment.journey()));
    }
    if (enrollment.carryover() != null) {
      restore(enrollment.carryover());
    } else {
      if (enrollment.trigger() != null) {
        receive(enrollment.trigger());
      }
      // events the API held because they arrived before this enrollment started
      enrollment.earlierEvents().forEach(this::receive);
    }
    describe();
    try {
      inbox.checkEnded();
      body.run();
      if (holdOut.legacy() && !holdOut.sleptThrough().isZero()) {
        waits.pause(holdOut.sleptThrough());
      }
      attribution.listen(progress, waits);
      endedBecause = Summaries.outcome(JourneyOutcome.COMPLETED, "its last step", progress.step());
      return finish(JourneyOutcome.COMPLETED);
    } catch (JourneyEnded ended) {
      log.info(
          "{} by {} at step {}",
          ended.outcome,
          ended.event == null ? "the journey" : ended.event.type(),
          progress.step());
      attribution.endedBy(ended.event);
      endedBecause =
          Summaries.outcome(
              ended.outcome, ended.event == null ? null : ended.event.type(), progress.step());
      return finish(ended.outcome);
    } catch (CanceledFailure cancelled) {
      endedBecause = Summaries.outcome(JourneyOutcome.CANCELLED, "a cancel", progress.step());
      Workflow.newDetachedCancellationScope(() -> finish(JourneyOutcome.CANCELLED)).run();
      throw cancelled;
    }
  }

  /** Takes a customer event into the journey's inbox; a repeated event id is ignored. */
  public void receive(CustomerEvent event) {
    inbox.receive(event);
  }

  /** Names the step (state query, JourneyStep attribute); a wait can follow on the same line. */
  public Journey step(String name) {
    progress.step(name);
    describe();
    return this;
  }

  // ---- waits: see the table in workflows/README.md ----

  /** Waits for a duration; a goal event ends the wait (and the journey) early. */
  public void pause(Duration duration) {
    if (!holdOut.absorbs(duration)) {
      waits.pause(duration);
    }
  }

  /** Moves to step {@code step} and waits there for a duration. */
  public void pause(String step, Duration duration) {
    step(step);
    pause(duration);
  }

  /** Waits until a point in time; returns at once if it has passed. */
  public void pauseUntil(Instant instant) {
    waits.pauseUntil(instant);
  }

  /** Moves to step {@code step} and waits there until a point in time. */
  public void pauseUntil(String step, Instant instant) {
    step(step);
    pauseUntil(instant);
  }

  /** Waits until the customer's clock (profile zone, else UTC) shows {@code time} on those days. */
  public void pauseUntil(LocalTime time, DayOfWeek... onDays) {
    waits.pauseUntil(waits.nextLocal(time, onDays));
  }

  /** Waits until the customer's next send window opens; returns at once inside a window. */
  public void pauseUntilSendWindow() {
    waits.pauseUntilSendWindow();
  }

  /** The next instant at which the customer's clock shows {@code time} (on one of the days). */
  public Instant nextLocal(LocalTime time, DayOfWeek... onDays) {
    return waits.nextLocal(time, onDays);
  }

  /** The first event of a type since enrollment (also before this call), or empty on timeout. */
  public Optional<CustomerEvent> waitFor(String eventType, Duration timeout) {
    return waitFor(eventType, e -> true, timeout);
  }

  /** As {@link #waitFor(String, Duration)}, for an event that also matches {@code condition}. */
  public Optional<CustomerEvent> waitFor(
      String eventType, Predicate<CustomerEvent> condition, Duration timeout) {
    return waits.forEvent(eventType, e -> e.is(eventType) && condition.test(e), timeout);
  }

  /** As {@link #waitFor}, for any event matching; the state query shows {@code description}. */
  public Optional<CustomerEvent> waitForEvent(
      String description, Predicate<CustomerEvent> wanted, Duration timeout) {
    return waits.forEvent(description, wanted, timeout);
  }

  /** The next event of a type, one that arrives after this call, or empty on timeout. */
  public Optional<CustomerEvent> awaitNext(String eventType, Duration timeout) {
    return awaitNext(eventType, e -> true, timeout);
  }

  /** As {@link #awaitNext(String, Duration)}, for an event that also matches {@code condition}. */
  public Optional<CustomerEvent> awaitNext(
      String eventType, Predicate<CustomerEvent> condition, Duration timeout) {
    return waits.forNext(eventType, e -> e.is(eventType) && condition.test(e), timeout);
  }

  /** Waits for {@code window} and returns the events of the type that arrived during it. */
  public List<CustomerEvent> collect(String eventType, Duration window) {
    return waits.collect(eventType, window);
  }

  /** Collects for {@code window}, then sends one summary (data count, items); none if none came. */
  public Optional<SendOutcome> digest(String eventType, Duration window, Message message) {
    var events = collect(eventType, window);
    if (events.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(send(message.with(Sends.summaryOf(events))));
  }

  /** The helpdesk's {@code ticket_resolved} event for the ticket, or empty on timeout. */
  public Optional<CustomerEvent> awaitResolution(HandoffTicket ticket, Duration timeout) {
    return handoffs.awaitResolution(ticket, timeout);
  }

  // ---- sends ----

  /**
   * Moves to the message's step (its key, or {@link Message#atStep}) and sends it: channel after
   * channel as each outcome says (see {@link Sends}), deferrals and throttles slept out, the
   * outcome recorded. A goal or exit event during a send ends the journey once the send is
   * recorded. Keyed by enrollment, step, iteration and channel, so nothing is sent twice.
   */
  public SendOutcome send(Message message) {
    return send(message.step(), message);
  }

  /** As {@link #send(Message)}, at journey step {@code step}; the ledger keeps the message's. */
  public SendOutcome send(String step, Message message) {
    moveTo(step);
    attributes.flush();
    attribution.messageAsked();
    return described(sends.send(message));
  }

  /** As {@link #send(Message)}, on the profile's preferred channel first. */
  public SendOutcome sendPreferred(Message message) {
    return sendPreferred(message.step(), message);
  }

  /** As {@link #sendPreferred(Message)}, at the journey step {@code step}. */
  public SendOutcome sendPreferred(String step, Message message) {
    moveTo(step);
    attributes.flush();
    attribution.messageAsked();
    return described(sends.send(Sends.preferring(message, profile().preferredChannel())));
  }

  /** Sends, or withholds ({@link #holdBack}) from the hold-out group of {@link #arm}. */
  public SendOutcome sendOrHoldBack(Message message) {
    if (holdOut.legacy()) {
      // held out before withheld messages were recorded: nothing happens, as then
      inbox.checkEnded();
      return new SendOutcome.Suppressed(SendOutcome.Suppressed.HOLDOUT);
    }
    return holdOut.heldOut() ? holdBack(message) : send(message);
  }

  /**
   * Sends nothing, but records the message (first channel) in the ledger as suppressed with reason
   * {@code holdout}, so support can say why; keyed, and ended by a goal, like {@link #send}.
   */
  public SendOutcome holdBack(Message message) {
    moveTo(message.step());
    attributes.flush();
    attribution.messageAsked();
    return described(sends.holdBack(message));
  }

  /**
   * Runs an activity call of the journey's own; a goal or exit event cancels it. The stub's options
   * decide what cancelling means: with the default TRY_CANCEL the journey ends at once while the
   * activity may still run; an activity whose effect must not outlive the journey heartbeats and is
   * called with {@code ActivityCancellationType.WAIT_CANCELLATION_COMPLETED}. (Sends and handoffs
   * are never cancelled: they complete and are recorded.)
   */
  public <T> T call(Supplier<Promise<T>> start) {
    inbox.checkEnded();
    attributes.flush();
    return inbox.race(start);
  }

  // ---- human handoff ----

  /** Opens a helpdesk ticket with the events, messages and profile; one per step. */
  public HandoffTicket handOff(Handoff handoff) {
    attributes.flush();
    return handoffs.handOff(enrollment, progress.step(), handoff);
  }

  /** Moves to step {@code step} and hands off there. */
  public HandoffTicket handOff(String step, Handoff handoff) {
    step(step);
    return handOff(handoff);
  }

  /** Ends the journey here with this outcome, e.g. {@code CONVERTED} on a purchase it awaited. */
  public void endAs(JourneyOutcome outcome) {
    throw new JourneyEnded(null, outcome);
  }

  // ---- branching ----

  /** The customer's profile, looked up once per step (a new step looks again). */
  public CustomerProfile profile() {
    return profiles.get();
  }

  /** A profile attribute, e.g. {@code journey.attribute("tier").filter("vip"::equals)}. */
  public Optional<Object> attribute(String name) {
    return profile().attribute(name);
  }

  /** What became of the last send of a step (the last channel tried), if it sent anything. */
  public Optional<SendOutcome> outcomeOf(String step) {
    return sends.outcomeOf(step);
  }

  /** True when some channel of that step's message was handed to a provider. */
  public boolean wasSent(String step) {
    return sends.wasSent(step);
  }

  // ---- experiments ----

  /**
   * The customer's arm as a constant of {@code arms} ({@code SMS} is the arm {@code "sms"}): the
   * decided winner, else the split; recorded (state, JourneyVariant) so outcomes count per arm. The
   * hold-out group gets the first constant, stays at step {@code holdout}, and every {@link
   * #sendOrHoldBack} withholds.
   */
  public <A extends Enum<A>> A arm(Experiment experiment, Class<A> arms) {
    Arms.check(experiment, arms);
    String arm = variant(experiment);
    if (Experiment.HOLDOUT.equals(arm)) {
      holdOut.enter(progress);
      return arms.getEnumConstants()[0];
    }
    return Arms.of(arms, arm);
  }

  /** The arm by name ({@link Experiment#HOLDOUT} too), as {@link #arm} without the hold-out. */
  public String variant(Experiment experiment) {
    return experiments.variant(experiment);
  }

  /** As {@link #variant(Experiment)}, assigned by the caller once; later calls get the record. */
  public String variant(Experiment experiment, Function<String, String> assignment) {
    return experiments.variant(experiment, assignment);
  }

  /** True when the customer is in the experiment's hold-out group (send them nothing). */
  public boolean inHoldout(Experiment experiment) {
    return Experiment.HOLDOUT.equals(variant(experiment));
  }

  // ---- loops and long-running journeys ----

  /** Runs iterations 0..times-1, continuing as new between them once the history is long. */
  public void repeat(String name, int times, IntConsumer body) {
    if (name.equals(resumeLoop)) {
      // back in the loop this run continued in: what came before it was done by earlier runs
      keys.resumed();
    }
    for (int i = progress.loopStart(name); i < times; i++) {
      body.accept(i);
      progress.loopDone(name, i + 1);
      inbox.checkEnded();
      if (i + 1 < times && historyIsLong()) {
        continuingLoop = name;
        continueAsNew();
      }
    }
  }

  /** True once the workflow history has grown past the continue-as-new threshold. */
  public boolean historyIsLong() {
    return progress.historyIsLong();
  }

  /** Ends this run and continues the enrollment in a fresh one with the journey's state. */
  public void continueAsNew() {
    log.info("continuing as new at step {}", progress.step());
    attributes.flush();
    // bounded: ids of what was seen, and only the events no awaitNext has looked at yet
    var events = inbox.events();
    var unseen =
        events.subList(Math.min(waits.nextFrom(), events.size()), events.size()).stream()
            .filter(e -> !inbox.isTrigger(e))
            .toList();
    Workflow.continueAsNew(
        enrollment.continuedWith(
            new JourneyCarryover(
                progress.step(),
                unseen.subList(
                    Math.max(0, unseen.size() - JourneyCarryover.MAX_UNSEEN_EVENTS), unseen.size()),
                keys.iterations(),
                sends.messages(),
                experiments.variants(),
                progress.loops(),
                inbox.newestIds(JourneyCarryover.MAX_SEEN_IDS),
                continuingLoop)));
  }

  // ---- read access ----

  /** The enrollment this journey runs for. */
  public Enrollment enrollment() {
    return enrollment;
  }

  /**
   * The newest event of a type received so far: under {@link Reentry#update()} a trigger while the
   * enrollment runs is delivered to it, and the journey reads the newest (e.g. the newest cart).
   */
  public Optional<CustomerEvent> latest(String eventType) {
    return inbox.latest(eventType);
  }

  /** Every distinct event received so far, the trigger first. */
  public List<CustomerEvent> events() {
    return List.copyOf(inbox.events());
  }

  /** The messages the journey asked for so far, and their outcomes. */
  public List<JourneyState.MessageRecord> messages() {
    return List.copyOf(sends.messages());
  }

  /** The step the journey is in. */
  public String currentStep() {
    return progress.step();
  }

  public JourneyState state() {
    return new JourneyState(
        enrollment == null ? null : enrollment.journey(),
        enrollment == null ? null : enrollment.customerId(),
        progress.step(),
        waits.waitingFor(),
        waits.wakeUpAt(),
        List.copyOf(sends.messages()),
        progress.outcome(),
        Map.copyOf(experiments.variants()),
        handoffs.records());
  }

  /** The journey's current (workflow) time. */
  public Instant now() {
    return Waits.now();
  }

  // ---- mechanics ----

  private void moveTo(String step) {
    progress.moveTo(step);
    describe();
  }

  /**
   * A short read before the first wait as a local activity (since {@link #ONE_TASK_TO_FIRST_WAIT}):
   * same timeouts and retries, but no server round trip.
   */
  private static LocalActivityOptions local(ActivityOptions options, String summary) {
    return LocalActivityOptions.newBuilder()
        .setStartToCloseTimeout(options.getStartToCloseTimeout())
        .setRetryOptions(options.getRetryOptions())
        // a store down for longer than a blip: retry on durable timers, not inside the task
        .setLocalRetryThreshold(Duration.ofSeconds(2))
        .setSummary(summary)
        .build();
  }

  /**
   * Added while journeys ran: an enrollment reaches its first wait in one workflow task. The
   * experiment decision is a local activity, and the funnel's entry record is not awaited before
   * the first wait (the end record waits for it). Enrollments started before replay as they ran.
   */
  static final String ONE_TASK_TO_FIRST_WAIT = "one-task-to-first-wait";

  /**
   * Added while journeys ran: a new enrollment costs the server less before its first wait. The
   * funnel's entry record is a local activity (no activity task and no second workflow task), the
   * {@code CustomerId} and {@code Journey} search attributes the start gave are not upserted again,
   * and the task's other attribute updates are one upsert ({@link AttributeUpdates}).
   */
  static final String LEAN_FIRST_TASK = "lean-first-task";

  /** True when this run reaches its first wait in one workflow task. */
  static boolean oneTaskToFirstWait() {
    return Workflow.getVersion(ONE_TASK_TO_FIRST_WAIT, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  private static ActivityOptions summarized(ActivityOptions options, String summary) {
    return ActivityOptions.newBuilder(options).setSummary(summary).build();
  }

  private SendOutcome described(SendOutcome outcome) {
    describe();
    return outcome;
  }

  /** The zone of the profile looked up so far, UTC before any: never looks one up. */
  private java.time.ZoneId knownZone() {
    var known = profiles.known();
    return known == null ? java.time.ZoneOffset.UTC : known.zone();
  }

  /**
   * Keeps the workflow's current details (shown by the Temporal UI) a support note of where the
   * journey is; user metadata, not a command, so it is safe to call as often as the state changes.
   */
  private void describe() {
    if (enrollment != null) {
      Workflow.setCurrentDetails(Summaries.details(state(), endedBecause, knownZone()));
    }
  }

  private static String enrollmentId() {
    var info = Workflow.getInfo();
    return info.getWorkflowId() + "/" + info.getFirstExecutionRunId();
  }

  private void restore(JourneyCarryover carried) {
    if (carried.seenEventIds() == null) {
      // carried by an earlier version: every event, the trigger first, all of them seen
      carried.events().forEach(this::receive);
      waits.nextFrom(inbox.size());
    } else {
      if (enrollment.trigger() != null) {
        receive(enrollment.trigger());
      }
      carried.events().forEach(this::receive);
      inbox.alreadySeen(carried.seenEventIds());
    }
    keys.restore(carried.sendsPerStep());
    if (carried.resumeLoop() != null) {
      resumeLoop = carried.resumeLoop();
      keys.resuming();
    }
    sends.restore(carried.messages());
    experiments.restore(carried.variants());
    progress.restore(carried.step(), carried.progress());
  }

  private JourneyOutcome finish(JourneyOutcome result) {
    String endedAt = progress.step();
    experiments.recordOutcome(result);
    progress.finish(result);
    attribution.finish(enrollment, enrollmentId(), result, endedAt, experiments.variants());
    describe();
    return result;
  }
}
