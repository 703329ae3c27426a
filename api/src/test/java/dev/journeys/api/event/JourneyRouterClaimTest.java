package dev.journeys.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.delivery.DeliveryDelayed;
import dev.journeys.journey.support.SupportEscalation;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One ticket, one handoff: a ticket about an order whose delay journey runs is that journey's, and
 * support-escalation does not enrol on it. No worker runs: started enrollments stay running.
 */
class JourneyRouterClaimTest {

  private TestWorkflowEnvironment env;
  private JourneyRouter router;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    env.start();
    router =
        new JourneyRouter(
            env.getWorkflowClient(),
            List.of(DeliveryDelayed.DEFINITION, SupportEscalation.DEFINITION),
            Clock.systemUTC());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aTicketAboutADelayedOrderGoesToItsDelayJourneyAlone() {
    router.route(event("e-delay", EventTypes.DELIVERY_DELAYED, Map.of("orderId", "o-9")));

    var routings =
        router.route(
            event("e-t1", EventTypes.TICKET_OPENED, Map.of("orderId", "o-9", "ticketId", "TK-1")));

    assertThat(routings)
        .extracting(JourneyRouter.Routing::journey, JourneyRouter.Routing::action)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("delivery-delayed", "signalled"),
            org.assertj.core.groups.Tuple.tuple(
                "support-escalation", "claimed-by-delivery-delayed"));
    assertThatThrownBy(
            () ->
                env.getWorkflowClient()
                    .newUntypedWorkflowStub(
                        SupportEscalation.DEFINITION.workflowId("ada") + "/TK-1")
                    .describe())
        .isInstanceOf(WorkflowNotFoundException.class);
  }

  @Test
  void aTicketAboutAnotherOrderIsSupportsOwn() {
    router.route(event("e-delay", EventTypes.DELIVERY_DELAYED, Map.of("orderId", "o-9")));

    var routings =
        router.route(
            event("e-t2", EventTypes.TICKET_OPENED, Map.of("orderId", "o-8", "ticketId", "TK-2")));

    assertThat(routings)
        .extracting(JourneyRouter.Routing::journey, JourneyRouter.Routing::action)
        .contains(org.assertj.core.groups.Tuple.tuple("support-escalation", "started"));
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(SupportEscalation.DEFINITION.workflowId("ada") + "/TK-2")
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  private static CustomerEvent event(String id, String type, Map<String, Object> properties) {
    return new CustomerEvent(id, "ada", type, Instant.parse("2026-11-23T10:00:00Z"), properties);
  }
}
