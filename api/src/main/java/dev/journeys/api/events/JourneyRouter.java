package dev.journeys.api.events;

import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyCatalog;
import dev.journeys.journey.JourneyDefinition;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Delivers an event to the journeys that care: signal-with-start for journeys it triggers (so
 * start and first event are one atomic step), a signal for running journeys that listen to it.
 */
@Component
public class JourneyRouter {

  /** What happened to an event at one journey. */
  public record Delivery(String journey, String workflowId, String action) {}

  private final WorkflowClient client;

  public JourneyRouter(WorkflowClient client) {
    this.client = client;
  }

  public List<Delivery> route(CustomerEvent event) {
    List<Delivery> deliveries = new ArrayList<>();
    for (JourneyDefinition journey : JourneyCatalog.all()) {
      String workflowId = journey.workflowId(event.customerId());
      if (journey.isTriggeredBy(event.type())) {
        var options =
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(JourneyCatalog.TASK_QUEUE)
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
        deliveries.add(new Delivery(journey.name(), workflowId, "signal-with-start"));
      } else if (journey.listensTo(event.type())) {
        try {
          client.newUntypedWorkflowStub(workflowId).signal(CustomerJourney.EVENT_SIGNAL, event);
          deliveries.add(new Delivery(journey.name(), workflowId, "signalled"));
        } catch (WorkflowNotFoundException notRunning) {
          deliveries.add(new Delivery(journey.name(), workflowId, "not-running"));
        }
      }
    }
    return deliveries;
  }
}
