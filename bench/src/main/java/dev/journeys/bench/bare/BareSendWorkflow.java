package dev.journeys.bench.bare;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The baseline for a welcome enrollment: started by signal-with-start, it runs one activity on
 * arrival (an email to the bench's SMTP sink), then waits on a long timer as the welcome series
 * does.
 */
@WorkflowInterface
public interface BareSendWorkflow {

  String TYPE = "BareSend";

  @WorkflowMethod(name = TYPE)
  void run(String email);

  @SignalMethod(name = "event")
  void event(String eventId);
}
