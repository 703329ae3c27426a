package dev.journeys.api.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The summary and details the router gives an enrollment, as the Temporal UI shows them. */
class EnrollmentNoteTest {

  private static final JourneyDefinition CART = JourneyCatalog.ABANDONED_CART;
  private static final CustomerEvent ABANDONED =
      new CustomerEvent(
          "e-1",
          "ada",
          "cart_abandoned",
          Instant.parse("2026-11-23T10:00:00Z"),
          Map.of("cartTotal", "59.90", "email", "ada@example.com"));

  private TestWorkflowEnvironment env;

  @AfterEach
  void tearDown() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  void summaryNamesJourneyCustomerAndTrigger() {
    assertThat(EnrollmentNote.summary(CART, ABANDONED))
        .isEqualTo("abandoned-cart for customer ada, triggered by cart_abandoned");
  }

  @Test
  void detailsNameTheTriggerEventButNotItsValues() {
    assertThat(EnrollmentNote.details(CART, ABANDONED))
        .contains("Triggered by `cart_abandoned` (event `e-1`, occurred 2026-11-23 10:00 UTC)")
        .contains("with cartTotal, email")
        .contains("Listens for: order_placed")
        .doesNotContain("ada@example.com")
        .doesNotContain("59.90");
  }

  @Test
  void theRouterStartsEnrollmentsWithTheNote() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    var worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AbandonedCartJourneyImpl.class);
    SendActivities sends = request -> new SendOutcome.Sent(request.channel(), "p");
    worker.registerActivitiesImplementations(sends);
    env.start();

    // the time-skipping test server keeps no user metadata: read what the router asked for
    var started = new ArrayList<WorkflowOptions>();
    var client =
        WorkflowClient.newInstance(
            env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder(env.getWorkflowClient().getOptions())
                .setInterceptors(
                    new WorkflowClientInterceptorBase() {
                      @Override
                      public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
                          WorkflowClientCallsInterceptor next) {
                        return new WorkflowClientCallsInterceptorBase(next) {
                          @Override
                          public WorkflowSignalWithStartOutput signalWithStart(
                              WorkflowSignalWithStartInput input) {
                            started.add(input.getWorkflowStartInput().getOptions());
                            return super.signalWithStart(input);
                          }
                        };
                      }
                    })
                .build());

    new JourneyRouter(client, List.of(CART), Clock.systemUTC()).route(ABANDONED);

    assertThat(started).hasSize(1);
    assertThat(started.getFirst().getStaticSummary())
        .isEqualTo("abandoned-cart for customer ada, triggered by cart_abandoned");
    assertThat(started.getFirst().getStaticDetails())
        .startsWith("**abandoned-cart** for customer `ada`");
  }
}
