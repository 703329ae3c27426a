package dev.journeys.api;

import dev.journeys.event.CustomerEvent;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What the API's tests read back from a journey's history: whether it exists, what it was sent. */
final class WorkflowHistories {

  private WorkflowHistories() {}

  static boolean exists(WorkflowClient temporal, String workflowId) {
    try {
      temporal.fetchHistory(workflowId);
      return true;
    } catch (RuntimeException notFound) {
      return false;
    }
  }

  /** Each signal's first argument as the JSON the API sent. */
  static List<String> signalInputs(WorkflowClient temporal, String workflowId) {
    return signals(temporal, workflowId)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getInput())
        .map(input -> input.getPayloads(0).getData().toStringUtf8())
        .toList();
  }

  /** The event id of each customer event signalled, in history order. */
  static List<String> signalledEventIds(WorkflowClient temporal, String workflowId) {
    var converter = temporal.getOptions().getDataConverter();
    return signals(temporal, workflowId)
        .map(e -> e.getWorkflowExecutionSignaledEventAttributes().getInput())
        .map(
            input ->
                converter.fromPayloads(
                    0, Optional.of(input), CustomerEvent.class, CustomerEvent.class))
        .map(CustomerEvent::eventId)
        .toList();
  }

  private static Stream<HistoryEvent> signals(WorkflowClient temporal, String workflowId) {
    return temporal.fetchHistory(workflowId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
  }
}
