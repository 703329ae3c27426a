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
 * goal, even when it has a goal's type.
 */
final class Inbox {

  private final Set<String> goals;
  private final Set<String> exits = new HashSet<>();
  private final List<CustomerEvent> events = new ArrayList<>();
  private final Set<String> seenEventIds = new HashSet<>();
  private CustomerEvent trigger;
  private boolean enrolled;
  private CustomerEvent endEvent;
  private JourneyOutcome endOutcome;

  Inbox(Set<String> goals) {
    this.goals = Set.copyOf(goals);
  }

  void exitOn(List<String> exitEventTypes) {
    exits.addAll(exitEventTypes);
  }

  /** From now on the trigger is known; an event with its id never ends the journey. */
  void enrolled(CustomerEvent triggerEvent) {
    this.trigger = triggerEvent;
    this.enrolled = true;
  }

  /** Takes an event in; a repeated event id is ignored. */
  void receive(CustomerEvent event) {
    if (!seenEventIds.add(event.eventId())) {
      return;
    }
    events.add(event);
    if (endEvent != null || (enrolled && isTrigger(event))) {
      return;
    }
    if (goals.contains(event.type())) {
      endEvent = event;
      endOutcome = JourneyOutcome.CONVERTED;
    } else if (exits.contains(event.type())) {
      endEvent = event;
      endOutcome = JourneyOutcome.EXITED;
    }
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
