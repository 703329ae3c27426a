package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import dev.journeys.funnel.EnrollmentActivities;
import dev.journeys.funnel.EnrollmentEnded;
import dev.journeys.funnel.EnrollmentEntered;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Attribution and the funnel's records. A journey with goals keeps listening for them for the
 * attribution window after its last message instead of completing at once: a conversion in that
 * window counts for the journey (and for the last message, see the funnel), and an experiment's
 * arms see the orders their last message earned, not only the ones placed before the arms differed.
 * The enrollment's entry and end are recorded for the funnel.
 *
 * <p>Both change a journey's history, so they only apply to enrollments started since {@link
 * #ATTRIBUTION} was added; older ones end as they did.
 */
final class Attribution {

  private static final org.slf4j.Logger log = Workflow.getLogger(Attribution.class);

  /** Added while journeys ran: older enrollments end at once and record no entry or end. */
  static final String ATTRIBUTION = "attribution-window";

  /** How long after its last message a conversion still counts for a journey, by default. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(5);

  /** The step a journey shows while it listens for its goal after its story ran out. */
  static final String LISTENING_STEP = "attribution-window";

  private final EnrollmentActivities records;
  private final EnrollmentActivities localRecords;
  private boolean lean;
  private final boolean hasGoals;
  private Duration window = DEFAULT_WINDOW;
  private int journeyVersion = 1;
  private int sdkVersion = Workflow.DEFAULT_VERSION;
  private Instant enteredAt;

  /** The entry record in flight (since {@link Journey#ONE_TASK_TO_FIRST_WAIT}), else null. */
  private Promise<Void> entered;

  private Instant lastMessageAt;
  private String cause;

  Attribution(EnrollmentActivities records, EnrollmentActivities localRecords, Set<String> goals) {
    this.records = records;
    this.localRecords = localRecords;
    this.hasGoals = !goals.isEmpty();
  }

  void window(Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("attribution window must not be negative");
    }
    this.window = window;
  }

  void journeyVersion(int version) {
    if (version < 1) {
      throw new IllegalArgumentException("journey version must be positive");
    }
    this.journeyVersion = version;
  }

  /**
   * Decides the run's behaviour once, first thing, and records a new enrollment's entry (a local
   * activity when {@code lean}, see {@link Journey#LEAN_FIRST_TASK}).
   */
  void start(Enrollment enrollment, String enrollmentId, boolean lean) {
    this.lean = lean;
    sdkVersion = Workflow.getVersion(ATTRIBUTION, Workflow.DEFAULT_VERSION, 1);
    enteredAt = Waits.now();
    if (applies() && enrollment.carryover() == null) {
      recordEntered(
          new EnrollmentEntered(
              enrollmentId,
              enrollment.journey(),
              journeyVersion,
              enrollment.customerId(),
              enteredAt));
    }
  }

  /** A message was sent or held back now; the window runs from the last one. */
  void messageAsked() {
    lastMessageAt = Waits.now();
  }

  /**
   * The story ran out: a journey with goals waits out the rest of the window after its last message
   * (a goal ends the wait as {@code CONVERTED}); one that sent nothing, or has no goals, ends now.
   */
  void listen(Progress progress, Waits waits) {
    if (!applies() || !hasGoals || lastMessageAt == null) {
      return;
    }
    Duration left = Duration.between(Waits.now(), lastMessageAt.plus(window));
    if (left.isPositive()) {
      progress.step(LISTENING_STEP);
      waits.pause(left);
    }
  }

  /** The goal or exit event that ended the journey, if one did. */
  void endedBy(CustomerEvent event) {
    cause = event == null ? null : event.type();
  }

  void finish(
      Enrollment enrollment,
      String enrollmentId,
      JourneyOutcome outcome,
      String step,
      Map<String, String> variants) {
    if (!applies()) {
      return;
    }
    recordEnded(
        new EnrollmentEnded(
            enrollmentId,
            enrollment.journey(),
            journeyVersion,
            enrollment.customerId(),
            outcome,
            cause,
            step,
            Map.copyOf(variants),
            lastMessageAt,
            Waits.now()));
  }

  /*
   * The funnel's records are bookkeeping: once their retries are spent (the store was down for
   * hours), the journey goes on without them rather than fail the customer's enrollment.
   */
  private void recordEntered(EnrollmentEntered record) {
    if (lean) {
      // in the first workflow task, next to the first wait's commands: the task completes once
      // the record is written (or, after a couple of seconds' failures, retries it on a timer);
      // at least once and idempotent per enrollment, as the activity was. Not awaited and not
      // cancelled with the journey, as below
      Workflow.newDetachedCancellationScope(
              () -> entered = Async.procedure(localRecords::entered, record))
          .run();
      return;
    }
    if (Journey.oneTaskToFirstWait()) {
      // not awaited here: the first wait need not wait for bookkeeping (recordEnded does); not
      // cancelled with the journey either, like the end record
      Workflow.newDetachedCancellationScope(
              () -> entered = Async.procedure(records::entered, record))
          .run();
      return;
    }
    try {
      records.entered(record);
    } catch (ActivityFailure failed) {
      log.warn("funnel entry not recorded: {}", failed.getMessage());
    }
  }

  private void recordEnded(EnrollmentEnded ended) {
    if (entered != null) {
      try {
        // the end is recorded after the entry, as before
        entered.get();
      } catch (ActivityFailure failed) {
        log.warn("funnel entry not recorded: {}", failed.getMessage());
      }
    }
    try {
      records.ended(ended);
    } catch (ActivityFailure failed) {
      log.warn("funnel end not recorded: {}", failed.getMessage());
    }
  }

  private boolean applies() {
    return sdkVersion >= 1;
  }
}
