package dev.journeys.worker.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.journeys.event.CustomerEvent;
import dev.journeys.funnel.EnrollmentActivities;
import dev.journeys.funnel.EnrollmentEnded;
import dev.journeys.funnel.EnrollmentEntered;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.JourneyState;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The journey counters on Temporal's time-skipping test server, with the sticky cache off so that
 * every workflow task replays the journey from its first event: a replay must count nothing again.
 */
class JourneyWorkflowMetricsTest {

  static final String QUEUE = "metrics-test";

  @WorkflowInterface
  public interface TwoSteps extends CustomerJourney {
    @WorkflowMethod(name = "TwoSteps")
    JourneyOutcome run(Enrollment enrollment);
  }

  /** Two steps with a wait after each; an order ends it as converted. */
  public static class TwoStepsImpl implements TwoSteps {
    private final Journey journey = Journey.withGoals("order_placed");

    @Override
    public JourneyOutcome run(Enrollment enrollment) {
      return journey.run(
          enrollment,
          () -> {
            journey.step("first");
            journey.pause(Duration.ofHours(1));
            journey.step("second");
            journey.pause(Duration.ofHours(1));
          });
    }

    @Override
    public void onEvent(CustomerEvent event) {
      journey.receive(event);
    }

    @Override
    public JourneyState state() {
      return journey.state();
    }
  }

  /** The funnel's bookkeeping, kept in memory: this test is about metrics, not the funnel. */
  static class EnrollmentsInMemory implements EnrollmentActivities {
    final List<Object> recorded = new CopyOnWriteArrayList<>();

    @Override
    public void entered(EnrollmentEntered entered) {
      recorded.add(entered);
    }

    @Override
    public void ended(EnrollmentEnded ended) {
      recorded.add(ended);
    }
  }

  @Test
  void countsEachEnrollmentStepAndEndOnceThoughEveryTaskReplays() throws Exception {
    var enrollments = new EnrollmentsInMemory();
    var registry = new SimpleMeterRegistry();
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(10));
    var env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(scope)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkflowCacheSize(0)
                        .setWorkerInterceptors(new JourneyMetricsInterceptor(registry))
                        .build())
                .build());
    try {
      for (var key : JourneySearchAttributes.ALL) {
        env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
      }
      // a loaded build machine must not fail a task on the deadlock detector: a failed task's
      // counters are not taken back (see docs/operations.md, Metrics), which is not what this tests
      var worker =
          env.newWorker(
              QUEUE, WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(60_000).build());
      worker.registerWorkflowImplementationTypes(TwoStepsImpl.class);
      // without a worker for the enrollment log, the journey's first task waits on it for good
      worker.registerActivitiesImplementations(enrollments);
      env.start();
      var journey =
          env.getWorkflowClient()
              .newWorkflowStub(
                  TwoSteps.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("journey/two-steps/ada")
                      .setTaskQueue(QUEUE)
                      .build());
      WorkflowClient.start(journey::run, new Enrollment("two-steps", "ada", event("cart")));
      env.sleep(Duration.ofMinutes(90));
      journey.onEvent(event("order_placed"));

      assertThat(WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class))
          .isEqualTo(JourneyOutcome.CONVERTED);
    } finally {
      env.close();
      scope.close();
    }

    assertThat(enrollments.recorded).hasSize(2);
    assertThat(count("journeys_enrolled", registry, Map.of("journey", "two-steps"))).isEqualTo(1);
    assertThat(count("journeys_step_entered", registry, Map.of("step", "first"))).isEqualTo(1);
    assertThat(count("journeys_step_entered", registry, Map.of("step", "second"))).isEqualTo(1);
    assertThat(
            count(
                "journeys_finished",
                registry,
                Map.of("journey", "two-steps", "step", "second", "outcome", "CONVERTED")))
        .isEqualTo(1);
  }

  private static double count(String name, SimpleMeterRegistry registry, Map<String, String> tags) {
    var search = registry.find(name);
    tags.forEach(search::tag);
    return search.counters().stream().mapToDouble(c -> c.count()).sum();
  }

  private static CustomerEvent event(String type) {
    return new CustomerEvent("e-" + type, "ada", type, Instant.now(), Map.of());
  }
}
