package dev.journeys.bench.bare;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The baseline for an abandoned-cart enrollment: started by signal-with-start, it waits on one
 * timer (an hour) and does nothing else. What bare Temporal costs for "enrol, then wait".
 */
@WorkflowInterface
public interface BareTimerWorkflow {

  String TYPE = "BareTimer";

  @WorkflowMethod(name = TYPE)
  void run(String customerId);

  @SignalMethod(name = "event")
  void event(String eventId);
}
