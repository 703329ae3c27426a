package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Events the API held before an enrollment started reach its inbox with the trigger. */
class EarlierEventsTest {

  private static CustomerEvent event(String id, String type) {
    return new CustomerEvent(id, "c-1", type, Instant.parse("2026-11-23T10:00:00Z"), Map.of());
  }

  private JourneyOutcome run(List<CustomerEvent> earlier) {
    try (var test = new JourneyTestEnvironment(Instant.parse("2026-11-23T10:00:00Z"))) {
      test.worker.registerWorkflowImplementationFactory(
          ProbeJourney.class,
          () ->
              new ProbeJourney.Impl(
                  Journey.withGoals(EventTypes.ORDER_PLACED),
                  (journey, e) -> {
                    if (journey.waitFor("order_shipped", Duration.ofDays(1)).isPresent()) {
                      journey.endAs(JourneyOutcome.EXITED);
                    }
                  }));
      test.start();
      var stub =
          test.client()
              .newUntypedWorkflowStub(
                  "Probe",
                  WorkflowOptions.newBuilder()
                      .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                      .setWorkflowId("journey/probe/c-1")
                      .build());
      stub.start(
          Enrollment.withEarlierEvents("probe", "c-1", event("t", "probe_started"), earlier));
      return stub.getResult(JourneyOutcome.class);
    }
  }

  @Test
  void anEarlierEventIsSeenByTheFirstWait() {
    assertThat(run(List.of(event("s", "order_shipped")))).isEqualTo(JourneyOutcome.EXITED);
  }

  @Test
  void anEarlierGoalEndsTheJourneyAtOnce() {
    assertThat(run(List.of(event("o", "order_placed")))).isEqualTo(JourneyOutcome.CONVERTED);
  }

  @Test
  void withoutEarlierEventsTheWaitTimesOut() {
    assertThat(run(List.of())).isEqualTo(JourneyOutcome.COMPLETED);
  }
}
