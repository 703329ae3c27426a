package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The events of one enrollment and what ends it: every distinct event in arrival order, and the
 * first goal ({@code CONVERTED}) or exit ({@code EXITED}) event among them. The trigger is never a
 * goal, even when it has a goal's type. A journey enrolled per entity ({@link #scopedTo}, e.g. per
 * order) only ends on goals and exits about that entity or about no entity at all: the delivery of
 * another order does not end this order's journey, an unsubscribe (no order id) ends every one.
 */
final class Inbox {

  private final Set<String> goals;

  /** Goals declared while running ({@link #goalsFrom}): an event counts from its position on. */
  private final java.util.Map<String, Integer> laterGoals = new java.util.HashMap<>();

  private final Set<String> exits = new HashSet<>();
  private final List<CustomerEvent> events = new ArrayList<>();
  private final Set<String> seenEventIds = new HashSet<>();
  private final List<String> earlierIds = new ArrayList<>();
  private CustomerEvent trigger;
  private boolean enrolled;
  private String scopeProperty;
  private String scopeValue;
  private CustomerEvent endEvent;
  private JourneyOutcome endOutcome;

  Inbox(Set<String> goals) {
    this.goals = Set.copyOf(goals);
  }

  /**
   * From now on, events of these types are goals too: each one received at or after inbox position
   * {@code from} ends the journey as {@code CONVERTED} (one already there does so at once).
   */
  void goalsFrom(List<String> goalEventTypes, int from) {
    goalEventTypes.forEach(type -> laterGoals.putIfAbsent(type, from));
    if (enrolled) {
      for (int i = from; i < events.size(); i++) {
        judge(events.get(i));
      }
    }
  }

  void exitOn(List<String> exitEventTypes) {
    exits.addAll(exitEventTypes);
  }

  /**
   * Goals and exits count only when their {@code property} is the trigger's (or absent); set before
   * {@link #enrolled}.
   */
  void scopedTo(String property) {
    this.scopeProperty = property;
  }

  /**
   * From now on the trigger is known; an event with its id never ends the journey. Events that came
   * before (signals delivered ahead of the workflow method) are judged now, in arrival order, so
   * that the trigger and the scope apply to them too.
   */
  void enrolled(CustomerEvent triggerEvent) {
    this.trigger = triggerEvent;
    this.enrolled = true;
    if (scopeProperty != null && triggerEvent != null) {
      scopeValue = triggerEvent.id(scopeProperty);
    }
    events.forEach(this::judge);
  }

  /** Takes an event in; a repeated event id is ignored. */
  void receive(CustomerEvent event) {
    if (!seenEventIds.add(event.eventId())) {
      return;
    }
    events.add(event);
    if (enrolled) {
      judge(event);
    }
  }

  /** True when the event is about this enrollment's entity, or about none (always unscoped). */
  boolean inScope(CustomerEvent event) {
    if (scopeValue == null) {
      return true;
    }
    String value = event.id(scopeProperty);
    return value == null || scopeValue.equals(value);
  }

  private void judge(CustomerEvent event) {
    if (endEvent != null || isTrigger(event) || !inScope(event)) {
      return;
    }
    if (goals.contains(event.type()) || isLaterGoal(event)) {
      endEvent = event;
      endOutcome = JourneyOutcome.CONVERTED;
    } else if (exits.contains(event.type())) {
      endEvent = event;
      endOutcome = JourneyOutcome.EXITED;
    }
  }

  private boolean isLaterGoal(CustomerEvent event) {
    Integer from = laterGoals.get(event.type());
    return from != null && events.indexOf(event) >= from;
  }

  /** Remembers event ids received in an earlier run, so that they are ignored if sent again. */
  void alreadySeen(List<String> eventIds) {
    seenEventIds.addAll(eventIds);
    earlierIds.addAll(eventIds);
  }

  /** The newest ids of events received, in this run or earlier ones, at most {@code max}. */
  List<String> newestIds(int max) {
    var ids = new java.util.LinkedHashSet<>(earlierIds);
    events.forEach(e -> ids.add(e.eventId()));
    var list = List.copyOf(ids);
    return list.subList(Math.max(0, list.size() - max), list.size());
  }

  boolean isTrigger(CustomerEvent event) {
    return trigger != null && trigger.eventId().equals(event.eventId());
  }

  /** True once a goal or exit event has arrived. */
  boolean ended() {
    return endEvent != null;
  }

  /** Throws {@link JourneyEnded} once a goal or exit event has arrived. */
  void checkEnded() {
    if (endEvent != null) {
      throw new JourneyEnded(endEvent, endOutcome);
    }
  }

  /** Every distinct event so far, the trigger first (a live view). */
  List<CustomerEvent> events() {
    return events;
  }

  int size() {
    return events.size();
  }

  /** The newest event of the type (the trigger, or a later trigger delivered as an update). */
  Optional<CustomerEvent> latest(String type) {
    for (int i = events.size() - 1; i >= 0; i--) {
      if (events.get(i).is(type)) {
        return Optional.of(events.get(i));
      }
    }
    return Optional.empty();
  }

  /** The first event, received at or after {@code from}, that matches. */
  Optional<CustomerEvent> first(int from, Predicate<CustomerEvent> wanted) {
    return events.subList(from, events.size()).stream().filter(wanted).findFirst();
  }

  /**
   * Runs a call and returns its result, unless a goal or exit event arrives first: then the call is
   * cancelled and {@link JourneyEnded} thrown.
   */
  <T> T race(Supplier<Promise<T>> start) {
    List<Promise<T>> holder = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(() -> holder.add(start.get()));
    scope.run();
    Promise<T> call = holder.getFirst();
    Workflow.await(() -> call.isCompleted() || endEvent != null);
    if (!call.isCompleted()) {
      // the customer converted or left while the call was in flight: stop it, end the journey
      scope.cancel();
      checkEnded();
    }
    return call.get();
  }
}
