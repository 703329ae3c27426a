package dev.journeys.bench.bare;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class BareSendWorkflowImpl implements BareSendWorkflow {

  private final BareMailActivity mail =
      Workflow.newActivityStub(
          BareMailActivity.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

  @Override
  public void run(String email) {
    mail.send(email);
    Workflow.sleep(Duration.ofDays(2));
  }

  @Override
  public void event(String eventId) {
    // the start signal carries the event; the baseline has nothing to do with it
  }
}
