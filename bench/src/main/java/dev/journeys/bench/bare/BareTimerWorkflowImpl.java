package dev.journeys.bench.bare;

import io.temporal.workflow.Workflow;
import java.time.Duration;

public class BareTimerWorkflowImpl implements BareTimerWorkflow {

  @Override
  public void run(String customerId) {
    Workflow.sleep(Duration.ofHours(1));
  }

  @Override
  public void event(String eventId) {
    // the start signal carries the event; the baseline has nothing to do with it
  }
}
