package dev.journeys.api.event;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.handoff.HandoffTickets;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.Reentry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers an event to the journeys that care: signal-with-start for journeys it triggers (so start
 * and first event are one atomic step), a signal for running journeys that listen to it. A trigger
 * honours the journey's {@link Reentry} policy: ignored by (delivered to) a running enrollment,
 * restarting it, delivered to it as an update, or held back until a cool-down after the last
 * enrollment has passed. A listened event with no enrollment to go to is held ({@link
 * PendingEvents}) and handed to the enrollment when it starts. The resolution of a handoff ticket
 * goes to the enrollment that opened it ({@link HandoffTickets}).
 *
 * <p>Each {@link Routing#action()} says what happened: {@code started} (a new enrollment), {@code
 * restarted} (the running one ended, a new one started), {@code signalled} (delivered to the
 * running enrollment, also for a trigger that the re-entry policy does not let start another),
 * {@code updated} (the running enrollment took the trigger as an update), {@code cooling-down} (not
 * delivered), {@code held} (kept for an enrollment that has not started) or {@code not-running} (no
 * enrollment, holding off).
 */
@Component
public class JourneyRouter {

  /** What happened to an event at one journey. */
  public record Routing(String journey, String workflowId, String action) {}

  private final WorkflowClient client;
  private final List<JourneyDefinition> journeys;
  private final Clock clock;
  private final PendingEvents pending;
  private final HandoffTickets handoffTickets;

  /** Routing to one workflow id, one event at a time in this instance (striped by id). */
  private final ReentrantLock[] stripes = new ReentrantLock[256];

  {
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  @Autowired
  public JourneyRouter(WorkflowClient client, PendingEvents pending, HandoffTickets tickets) {
    this(client, JourneyCatalog.all(), Clock.systemUTC(), pending, tickets);
  }

  /** A router over other journeys and another clock that holds no early events, for tests. */
  public JourneyRouter(WorkflowClient client, List<JourneyDefinition> journeys, Clock clock) {
    this(client, journeys, clock, PendingEvents.off());
  }

  /** A router over other journeys, another clock and its own store of early events. */
  public JourneyRouter(
      WorkflowClient client, List<JourneyDefinition> journeys, Clock clock, PendingEvents pending) {
    this(client, journeys, clock, pending, null);
  }

  /** As above, finding the enrollment behind a handoff ticket in {@code tickets} (null: none). */
  public JourneyRouter(
      WorkflowClient client,
      List<JourneyDefinition> journeys,
      Clock clock,
      PendingEvents pending,
      HandoffTickets tickets) {
    this.client = client;
    this.journeys = List.copyOf(journeys);
    this.clock = clock;
    this.pending = pending;
    this.handoffTickets = tickets;
  }

  public List<Routing> route(CustomerEvent event) {
    List<Routing> routings = new ArrayList<>();
    var handedOffBy = resolveHandoff(event, routings);
    var claimedBy = claim(event, routings);
    for (JourneyDefinition journey : journeys) {
      if (claimedBy.contains(journey) || handedOffBy.contains(journey)) {
        continue;
      }
      if (!claimedBy.isEmpty() && journey.isTriggeredBy(event.type())) {
        // one ticket, one handoff: the running enrollment that claimed it handles it
        routings.add(
            new Routing(
                journey.name(),
                journey.workflowId(event),
                "claimed-by-" + claimedBy.getFirst().name()));
        continue;
      }
      // per enrollment key (post-purchase: per order) when the event carries one, else per
      // customer: a trigger without the key enrols the customer's single enrollment as before
      String workflowId = journey.workflowId(event);
      if (!journey.isTriggeredBy(event.type()) && !journey.listensTo(event.type())) {
        continue;
      }
      var lock = stripes[Math.floorMod(workflowId.hashCode(), stripes.length)];
      lock.lock();
      try {
        routings.add(
            journey.isTriggeredBy(event.type())
                ? trigger(journey, workflowId, event)
                : signal(journey, workflowId, event));
      } finally {
        lock.unlock();
      }
    }
    return routings;
  }

  /**
   * Starts an enrollment with the trigger (signal-with-start, so start and first event are one
   * atomic step), honouring the re-entry policy, and reports what actually happened: {@code
   * started}, {@code restarted}, {@code signalled} (delivered to the running enrollment) or {@code
   * cooling-down}. A new enrollment starts with the events held for it.
   */
  private Routing trigger(JourneyDefinition journey, String workflowId, CustomerEvent event) {
    var last = lastEnrollment(workflowId);
    boolean running =
        last.map(d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
            .orElse(false);
    // the run a trigger is delivered to instead of starting one
    String runningRun = running ? last.get().getExecution().getRunId() : null;
    String started = "started";
    switch (journey.reentry().policy()) {
      case IGNORE_WHILE_RUNNING -> {}
      case RESTART -> {
        if (running) {
          try {
            client
                .newUntypedWorkflowStub(workflowId)
                .terminate("re-entry: restarted by event " + event.eventId());
          } catch (WorkflowNotFoundException finishedMeanwhile) {
            // it ended by itself between describe and terminate: nothing to restart
          }
          runningRun = null;
          started = "restarted";
        }
      }
      case UPDATE -> {
        if (running) {
          try {
            // the running enrollment takes the trigger as an update; nothing new starts
            client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, event);
            return new Routing(journey.name(), workflowId, "updated");
          } catch (WorkflowNotFoundException finishedMeanwhile) {
            // it ended between describe and signal: the trigger starts a new enrollment
            runningRun = null;
          }
        }
      }
      case AFTER_COOL_DOWN -> {
        var closed = last.filter(d -> !running).map(WorkflowExecutionDescription::getCloseTime);
        if (closed.isPresent()
            && closed.get() != null
            && closed.get().plus(journey.reentry().coolDown()).isAfter(clock.instant())) {
          return new Routing(journey.name(), workflowId, "cooling-down");
        }
      }
    }
    // a running enrollment ignores the start arguments: only a new one takes the held events
    boolean keyed = !workflowId.equals(journey.workflowId(event.customerId()));
    List<CustomerEvent> earlier =
        runningRun != null ? List.of() : pending.waitingFor(workflowId, event, keyed);
    var options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(JourneyCatalog.TASK_QUEUE)
            // what the Temporal UI shows for the enrollment from its first moment
            .setStaticSummary(EnrollmentNote.summary(journey, event))
            .setStaticDetails(EnrollmentNote.details(journey, event))
            // a finished enrollment does not block the next one: re-entry is a new enrollment
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    var execution =
        client
            .newUntypedWorkflowStub(journey.workflowType(), options)
            .signalWithStart(
                CustomerJourney.EVENT_SIGNAL,
                new Object[] {event},
                new Object[] {
                  Enrollment.withEarlierEvents(journey.name(), event.customerId(), event, earlier)
                });
    if (execution.getRunId().equals(runningRun)) {
      return new Routing(journey.name(), workflowId, "signalled");
    }
    // a new enrollment started with the held events: they are its now
    pending.delivered(workflowId, earlier);
    catchUp(workflowId, event, keyed, earlier);
    return new Routing(journey.name(), workflowId, started);
  }

  /**
   * Delivers the resolution of a handoff ticket to the enrollment that opened it. The helpdesk
   * names only its own ticket id, so a per-order or per-ticket enrollment would never get it by its
   * key: it is found in {@link HandoffTickets}, recorded when the ticket was opened. Returns that
   * journey (its routing recorded), or none when the ticket is not a handoff's or its enrollment
   * has ended (then the event is routed as any other).
   */
  private List<JourneyDefinition> resolveHandoff(CustomerEvent event, List<Routing> routings) {
    if (handoffTickets == null || !event.is(EventTypes.TICKET_RESOLVED)) {
      return List.of();
    }
    String ticketId = event.id("ticketId");
    if (ticketId == null) {
      return List.of();
    }
    var opener = handoffTickets.openerOf(event.customerId(), ticketId);
    if (opener.isEmpty()) {
      return List.of();
    }
    var journey =
        journeys.stream()
            .filter(j -> j.name().equals(opener.get().journey()) && j.listensTo(event.type()))
            .findFirst();
    if (journey.isEmpty()) {
      return List.of();
    }
    String workflowId = opener.get().workflowId();
    try {
      client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, event);
    } catch (WorkflowNotFoundException ended) {
      return List.of();
    }
    routings.add(new Routing(journey.get().name(), workflowId, "signalled"));
    return List.of(journey.get());
  }

  /**
   * Signals the events held for {@code workflowId} after its start read them: an event whose holder
   * found no enrollment just before it started. Left held if the enrollment ended already.
   */
  private void catchUp(
      String workflowId, CustomerEvent trigger, boolean keyed, List<CustomerEvent> earlier) {
    if (!pending.enabled()) {
      return;
    }
    Set<String> given = earlier.stream().map(CustomerEvent::eventId).collect(Collectors.toSet());
    for (CustomerEvent late : pending.waitingFor(workflowId, trigger, keyed)) {
      if (given.contains(late.eventId())) {
        continue;
      }
      try {
        client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, late);
        pending.delivered(workflowId, List.of(late));
      } catch (WorkflowNotFoundException endedAlready) {
        return;
      }
    }
  }

  /**
   * Delivers the event to the running keyed enrollments that claim it (e.g. a ticket about a
   * delayed order); returns those journeys, whose routing is recorded.
   */
  private List<JourneyDefinition> claim(CustomerEvent event, List<Routing> routings) {
    List<JourneyDefinition> claimed = new ArrayList<>();
    for (JourneyDefinition journey : journeys) {
      if (!journey.claims(event.type()) || journey.enrollmentKeyValue(event).isEmpty()) {
        continue;
      }
      String workflowId = journey.workflowId(event);
      try {
        client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, event);
        routings.add(new Routing(journey.name(), workflowId, "signalled"));
        claimed.add(journey);
      } catch (WorkflowNotFoundException notRunning) {
        // no enrollment for that key: the event is routed as any other
      }
    }
    return claimed;
  }

  /**
   * Signals a listened event to its enrollment. An event for a per-key enrollment that is not
   * running falls back to the customer's per-customer enrollment: enrollments started before the
   * journey was keyed (or by a trigger without the key) run under that id. With no running
   * enrollment the event is held for the one it belongs to ({@code held}), if holding is on.
   */
  private Routing signal(JourneyDefinition journey, String workflowId, CustomerEvent event) {
    String perCustomer = journey.workflowId(event.customerId());
    List<String> candidates =
        workflowId.equals(perCustomer) ? List.of(workflowId) : List.of(workflowId, perCustomer);
    var signalled = signalFirstRunning(candidates, event);
    if (signalled.isPresent()) {
      return new Routing(journey.name(), signalled.get(), "signalled");
    }
    if (!pending.hold(workflowId, journey.name(), event)) {
      return new Routing(journey.name(), workflowId, "not-running");
    }
    // an enrollment that started between the signal and the hold did not see the event: look again
    signalled = signalFirstRunning(candidates, event);
    if (signalled.isPresent()) {
      pending.delivered(workflowId, List.of(event));
      return new Routing(journey.name(), signalled.get(), "signalled");
    }
    return new Routing(journey.name(), workflowId, "held");
  }

  /** Signals the first candidate that runs; empty when none does. */
  private Optional<String> signalFirstRunning(List<String> candidates, CustomerEvent event) {
    for (String id : candidates) {
      try {
        client.newUntypedWorkflowStub(id).signal(CustomerJourney.EVENT_SIGNAL, event);
        return Optional.of(id);
      } catch (WorkflowNotFoundException notRunning) {
        // try the next candidate
      }
    }
    return Optional.empty();
  }

  private Optional<WorkflowExecutionDescription> lastEnrollment(String workflowId) {
    try {
      return Optional.of(client.newUntypedWorkflowStub(workflowId).describe());
    } catch (WorkflowNotFoundException never) {
      return Optional.empty();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
