package dev.journeys.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.Reentry;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Re-entry policies as the router applies them, against Temporal's time-skipping test server. */
class JourneyRouterReentryTest {

  private static final JourneyDefinition CART = JourneyCatalog.ABANDONED_CART;

  private TestWorkflowEnvironment env;
  private final List<dev.journeys.messaging.SendRequest> sent =
      java.util.Collections.synchronizedList(new java.util.ArrayList<>());

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    var worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AbandonedCartJourneyImpl.class);
    SendActivities sends =
        request -> {
          sent.add(request);
          return new SendOutcome.Sent(request.channel(), "p");
        };
    var experiments =
        new dev.journeys.experiment.ExperimentActivities() {
          @Override
          public dev.journeys.experiment.ExperimentDecision decision(String experiment) {
            return dev.journeys.experiment.ExperimentDecision.undecided(experiment);
          }

          @Override
          public void recordOutcome(dev.journeys.experiment.ExperimentOutcome outcome) {}
        };
    var enrollments =
        new dev.journeys.funnel.EnrollmentActivities() {
          @Override
          public void entered(dev.journeys.funnel.EnrollmentEntered entered) {}

          @Override
          public void ended(dev.journeys.funnel.EnrollmentEnded ended) {}
        };
    worker.registerActivitiesImplementations(sends, experiments, enrollments);
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aTriggerWhileRunningIsOnlyDeliveredToTheRunningEnrollment() {
    var router = router(CART.withReentry(Reentry.ignoreWhileRunning()));

    var first = router.route(cart("e-1"));
    String firstRun = runId();
    var second = router.route(cart("e-2"));

    assertThat(first).extracting(JourneyRouter.Routing::action).containsExactly("started");
    // it says what happened: the event went to the running enrollment, nothing started
    assertThat(second).extracting(JourneyRouter.Routing::action).containsExactly("signalled");
    assertThat(runId()).isEqualTo(firstRun);
  }

  @Test
  void restartEndsTheRunningEnrollmentAndStartsAFreshOne() {
    var router = router(CART.withReentry(Reentry.restart()));

    router.route(cart("e-1"));
    String firstRun = runId();
    var second = router.route(cart("e-2"));

    assertThat(second).extracting(JourneyRouter.Routing::action).containsExactly("restarted");
    assertThat(runId()).isNotEqualTo(firstRun);
    assertThat(status(firstRun))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(status(runId()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void updateDeliversTheTriggerToTheRunningEnrollmentAndSaysSo() {
    var router = router(CART.withReentry(Reentry.update()));

    var first = router.route(cart("e-1"));
    String firstRun = runId();
    var second = router.route(cart("e-2"));

    assertThat(first).extracting(JourneyRouter.Routing::action).containsExactly("started");
    assertThat(second).extracting(JourneyRouter.Routing::action).containsExactly("updated");
    assertThat(runId()).isEqualTo(firstRun);
    assertThat(status(firstRun))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void theCartJourneyTakesANewCartAsAnUpdateAndItsMessagesShowTheNewestCart() {
    var router = router(CART);

    var first = router.route(cart("e-1", "59.90"));
    env.sleep(Duration.ofMinutes(30));
    var second = router.route(cart("e-2", "84.50"));

    assertThat(first).extracting(JourneyRouter.Routing::action).containsExactly("started");
    assertThat(second).extracting(JourneyRouter.Routing::action).containsExactly("updated");
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(CART.workflowId("ada"))
                .getResult(JourneyOutcome.class))
        .isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(sent)
        .extracting(r -> r.messageKey(), r -> r.data().get("cartTotal"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("cart-reminder", "84.50"),
            org.assertj.core.groups.Tuple.tuple("cart-last-call", "84.50"));
  }

  @Test
  void aCoolDownHoldsBackANewEnrollmentUntilItHasPassed() {
    var router = router(CART.withReentry(Reentry.afterCoolDown(Duration.ofDays(7))));
    router.route(cart("e-1"));
    router.route(event("e-order", "order_placed"));
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(CART.workflowId("ada"))
                .getResult(JourneyOutcome.class))
        .isEqualTo(JourneyOutcome.CONVERTED);
    String firstRun = runId();

    env.sleep(Duration.ofDays(2));
    var tooSoon = router.route(cart("e-2"));
    assertThat(tooSoon).extracting(JourneyRouter.Routing::action).containsExactly("cooling-down");
    assertThat(runId()).isEqualTo(firstRun);

    env.sleep(Duration.ofDays(6));
    var later = router.route(cart("e-3"));
    assertThat(later).extracting(JourneyRouter.Routing::action).containsExactly("started");
    assertThat(runId()).isNotEqualTo(firstRun);
  }

  private JourneyRouter router(JourneyDefinition journey) {
    Clock testClock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(env.currentTimeMillis());
          }
        };
    return new JourneyRouter(env.getWorkflowClient(), List.of(journey), testClock);
  }

  private String runId() {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(CART.workflowId("ada"))
        .describe()
        .getExecution()
        .getRunId();
  }

  private WorkflowExecutionStatus status(String runId) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(CART.workflowId("ada"), Optional.of(runId), Optional.empty())
        .describe()
        .getStatus();
  }

  private static CustomerEvent cart(String id) {
    return event(id, "cart_abandoned");
  }

  private static CustomerEvent cart(String id, String total) {
    return new CustomerEvent(
        id,
        "ada",
        "cart_abandoned",
        Instant.parse("2026-11-23T10:00:00Z"),
        Map.of("cartTotal", total));
  }

  private static CustomerEvent event(String id, String type) {
    return new CustomerEvent(id, "ada", type, Instant.parse("2026-11-23T10:00:00Z"), Map.of());
  }
}
