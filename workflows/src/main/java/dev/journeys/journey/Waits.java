package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every wait of a journey: one durable {@code Workflow.await} with a timeout, ended early by a goal
 * or exit event, and remembered (what for, until when) for the state query.
 */
final class Waits {

  /**
   * Version 1 of {@link #forNext}: it sees every event since the previous {@code forNext} returned
   * (or since enrollment), so that one arriving during a send or handoff in between is not lost;
   * version 0 saw only events after the call.
   */
  static final String NEXT_SINCE_LAST_WAIT = "await-next-since-last-wait";

  /**
   * Version 1 of {@link #until}: a wait that ends before its timer (an event came, or a goal)
   * cancels the timer; version 0 left it running until it fired, a stale timer in the UI.
   */
  static final String CANCEL_TIMERS = "cancel-wait-timers";

  private final Inbox inbox;

  /** Inbox position up to which {@link #forNext} has looked (version 1). */
  private int nextFrom;

  private final Supplier<ZoneId> customerZone;
  private final Supplier<String> step;
  private final Supplier<ZoneId> knownZone;
  private SendWindow sendWindow = SendWindow.DAYTIME;
  private String waitingFor;
  private Instant wakeUpAt;

  private Runnable onChange = () -> {};

  /**
   * @param customerZone the customer's zone, looked up if need be (an activity)
   * @param step the journey's step, for timer summaries
   * @param knownZone the zone already known, never looked up (timer summaries must not add
   *     commands)
   */
  Waits(
      Inbox inbox,
      Supplier<ZoneId> customerZone,
      Supplier<String> step,
      Supplier<ZoneId> knownZone) {
    this.inbox = inbox;
    this.customerZone = customerZone;
    this.step = step;
    this.knownZone = knownZone;
  }

  /** Called when a wait starts and ends, so the workflow's current details stay current. */
  void onChange(Runnable listener) {
    this.onChange = listener;
  }

  void sendWindow(SendWindow window) {
    this.sendWindow = window;
  }

  /** What the journey waits for; null while it is not waiting. */
  String waitingFor() {
    return waitingFor;
  }

  /** When the current wait times out; null while it is not waiting. */
  Instant wakeUpAt() {
    return wakeUpAt;
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** Waits until {@code done} or the timeout; a goal or exit event ends the journey instead. */
  void until(String what, Duration timeout, BooleanSupplier done) {
    inbox.checkEnded();
    waitingFor = what;
    wakeUpAt = now().plus(timeout);
    try {
      onChange.run();
      var options =
          TimerOptions.newBuilder()
              .setSummary(Summaries.timer(step.get(), what, timeout, wakeUpAt, knownZone.get()))
              .build();
      if (Workflow.getVersion(CANCEL_TIMERS, Workflow.DEFAULT_VERSION, 1)
          == Workflow.DEFAULT_VERSION) {
        // as recorded histories have it: a timer that runs on when the condition comes true
        var timer = Workflow.newTimer(timeout, options);
        Workflow.await(() -> timer.isCompleted() || inbox.ended() || done.getAsBoolean());
      } else {
        List<Promise<Void>> timer = new ArrayList<>(1);
        CancellationScope scope =
            Workflow.newCancellationScope(() -> timer.add(Workflow.newTimer(timeout, options)));
        scope.run();
        Workflow.await(
            () -> timer.getFirst().isCompleted() || inbox.ended() || done.getAsBoolean());
        if (!timer.getFirst().isCompleted()) {
          // ended early: no stale timer left running in the history and the Temporal UI
          scope.cancel();
        }
      }
    } finally {
      waitingFor = null;
      wakeUpAt = null;
    }
    onChange.run();
    inbox.checkEnded();
  }

  void pause(Duration duration) {
    until("timer", duration, () -> false);
  }

  void pauseUntil(Instant instant) {
    Duration left = Duration.between(now(), instant);
    if (left.isNegative() || left.isZero()) {
      inbox.checkEnded();
      return;
    }
    pause(left);
  }

  void pauseUntilSendWindow() {
    var local = now().atZone(customerZone.get());
    if (sendWindow.contains(local.toLocalTime())) {
      inbox.checkEnded();
      return;
    }
    pauseUntil(nextLocal(sendWindow.opens()));
  }

  Instant nextLocal(LocalTime time, DayOfWeek... onDays) {
    return nextLocal(now().atZone(customerZone.get()), time, onDays);
  }

  /** The first instant after {@code local} at which its clock shows {@code time} on those days. */
  static Instant nextLocal(ZonedDateTime local, LocalTime time, DayOfWeek... onDays) {
    Set<DayOfWeek> days =
        onDays.length == 0 ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(List.of(onDays));
    ZonedDateTime candidate = local.with(time);
    for (int i = 0; i < 8; i++) {
      if (candidate.isAfter(local) && days.contains(candidate.getDayOfWeek())) {
        return candidate.toInstant();
      }
      candidate = candidate.plusDays(1).with(time);
    }
    throw new IllegalStateException("no next " + time + " on " + days);
  }

  /** The first event since enrollment (never the trigger) that matches, or empty on timeout. */
  Optional<CustomerEvent> forEvent(
      String description, Predicate<CustomerEvent> wanted, Duration timeout) {
    Predicate<CustomerEvent> match = e -> !inbox.isTrigger(e) && wanted.test(e);
    until(description, timeout, () -> inbox.first(0, match).isPresent());
    return inbox.first(0, match);
  }

  /**
   * The first matching event not yet seen by an earlier call (never the trigger), or empty on
   * timeout.
   */
  Optional<CustomerEvent> forNext(
      String description, Predicate<CustomerEvent> wanted, Duration timeout) {
    boolean sinceLastWait =
        Workflow.getVersion(NEXT_SINCE_LAST_WAIT, Workflow.DEFAULT_VERSION, 1) >= 1;
    int from = sinceLastWait ? Math.min(nextFrom, inbox.size()) : inbox.size();
    Predicate<CustomerEvent> match = e -> !inbox.isTrigger(e) && wanted.test(e);
    until(description, timeout, () -> inbox.first(from, match).isPresent());
    var found = inbox.first(from, match);
    // the next call starts after this event: a second one that came with it is seen then
    nextFrom = found.map(e -> inbox.events().indexOf(e) + 1).orElse(inbox.size());
    return found;
  }

  /** After a continue-as-new: the carried events from this position on are still to be seen. */
  void nextFrom(int position) {
    this.nextFrom = position;
  }

  /** The inbox position from which the next {@link #forNext} looks. */
  int nextFrom() {
    return nextFrom;
  }

  /** Waits for {@code window} and returns the events of that type that arrived during it. */
  List<CustomerEvent> collect(String eventType, Duration window) {
    int from = inbox.size();
    pause(window);
    var events = inbox.events();
    return events.subList(from, events.size()).stream().filter(e -> e.is(eventType)).toList();
  }
}
