package dev.journeys.api.event;

import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyCatalog;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Delivers an event to the journeys that care: signal-with-start for journeys it triggers (so start
 * and first event are one atomic step), a signal for running journeys that listen to it. A trigger
 * honours the journey's {@link Reentry} policy: ignored by (delivered to) a running enrollment,
 * restarting it, or held back until a cool-down after the last enrollment has passed.
 */
@Component
public class JourneyRouter {

  /** What happened to an event at one journey. */
  public record Routing(String journey, String workflowId, String action) {}

  private final WorkflowClient client;
  private final List<JourneyDefinition> journeys;
  private final Clock clock;

  @Autowired
  public JourneyRouter(WorkflowClient client) {
    this(client, JourneyCatalog.all(), Clock.systemUTC());
  }

  /** A router over other journeys and another clock, for tests. */
  public JourneyRouter(WorkflowClient client, List<JourneyDefinition> journeys, Clock clock) {
    this.client = client;
    this.journeys = List.copyOf(journeys);
    this.clock = clock;
  }

  public List<Routing> route(CustomerEvent event) {
    List<Routing> routings = new ArrayList<>();
    for (JourneyDefinition journey : journeys) {
      // per enrollment key (post-purchase: per order) when the event carries one, else per
      // customer: a trigger without the key enrols the customer's single enrollment as before
      String workflowId = journey.workflowId(event);
      if (journey.isTriggeredBy(event.type())) {
        var last = lastEnrollment(workflowId);
        boolean running =
            last.map(
                    d -> d.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
                .orElse(false);
        String action = "signal-with-start";
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
              action = "restarted";
            }
          }
          case AFTER_COOL_DOWN -> {
            var closed = last.filter(d -> !running).map(WorkflowExecutionDescription::getCloseTime);
            if (closed.isPresent()
                && closed.get() != null
                && closed.get().plus(journey.reentry().coolDown()).isAfter(clock.instant())) {
              routings.add(new Routing(journey.name(), workflowId, "cooling-down"));
              continue;
            }
          }
        }
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
        client
            .newUntypedWorkflowStub(journey.workflowType(), options)
            .signalWithStart(
                CustomerJourney.EVENT_SIGNAL,
                new Object[] {event},
                new Object[] {new Enrollment(journey.name(), event.customerId(), event)});
        routings.add(new Routing(journey.name(), workflowId, action));
      } else if (journey.listensTo(event.type())) {
        routings.add(signal(journey, workflowId, event));
      }
    }
    return routings;
  }

  /**
   * Signals a listened event to its enrollment. An event for a per-key enrollment that is not
   * running falls back to the customer's per-customer enrollment: enrollments started before the
   * journey was keyed (or by a trigger without the key) run under that id.
   */
  private Routing signal(JourneyDefinition journey, String workflowId, CustomerEvent event) {
    String perCustomer = journey.workflowId(event.customerId());
    for (String id :
        workflowId.equals(perCustomer) ? List.of(workflowId) : List.of(workflowId, perCustomer)) {
      try {
        client.newUntypedWorkflowStub(id).signal(CustomerJourney.EVENT_SIGNAL, event);
        return new Routing(journey.name(), id, "signalled");
      } catch (WorkflowNotFoundException notRunning) {
        // try the next candidate
      }
    }
    return new Routing(journey.name(), workflowId, "not-running");
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
