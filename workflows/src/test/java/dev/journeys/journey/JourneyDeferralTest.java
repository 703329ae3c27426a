package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.cart.AbandonedCartJourney;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A send deferred by policy (quiet hours) waits on a durable timer and is asked again. */
class JourneyDeferralTest {

  private static final String CUSTOMER = "c-night";
  private static final Duration NIGHT = Duration.ofHours(8);

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private final List<SendRequest> requests = new ArrayList<>();
  private final List<Instant> askedAt = new ArrayList<>();
  private Function<SendRequest, SendOutcome> answer;

  @BeforeEach
  void setUp() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    Worker worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AbandonedCartJourneyImpl.class);
    SendActivities sends = mock(SendActivities.class, withSettings().withoutAnnotations());
    when(sends.send(any()))
        .thenAnswer(
            call -> {
              SendRequest request = call.getArgument(0);
              synchronized (requests) {
                requests.add(request);
                askedAt.add(
                    Instant.ofEpochMilli(
                        Activity.getExecutionContext().getInfo().getScheduledTimestamp()));
              }
              return answer.apply(request);
            });
    worker.registerActivitiesImplementations(sends);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void sleepsUntilTheDeferralEndsAndRetriesTheSameSendUnderANewKey() {
    List<Instant> until = new ArrayList<>();
    answer =
        request -> {
          if (request.messageKey().equals("cart-reminder") && until.isEmpty()) {
            until.add(Instant.ofEpochMilli(env.currentTimeMillis()).plus(NIGHT));
            return new SendOutcome.Deferred(until.getFirst(), "quiet_hours");
          }
          return new SendOutcome.Sent(request.channel(), "p-" + requests.size());
        };
    var journey = start();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(requests).extracting(SendRequest::messageKey)
        .containsExactly("cart-reminder", "cart-reminder", "cart-last-call");
    assertThat(requests.get(1).idempotencyKey())
        .isEqualTo(requests.get(0).idempotencyKey() + "/retry-1");
    assertThat(askedAt.get(1)).isAfterOrEqualTo(until.getFirst());
    assertThat(journey.state().messages().getFirst().outcome()).isInstanceOf(SendOutcome.Sent.class);
  }

  @Test
  void anOrderWhileDeferredEndsTheJourneyWithoutTheRetry() {
    answer =
        request ->
            new SendOutcome.Deferred(
                Instant.ofEpochMilli(env.currentTimeMillis()).plus(NIGHT), "quiet_hours");
    var journey = start();

    env.sleep(Duration.ofHours(2));
    assertThat(journey.state().waitingFor()).isEqualTo("deferred:quiet_hours");
    journey.onEvent(
        new CustomerEvent("e-order", CUSTOMER, EventTypes.ORDER_PLACED, Instant.now(), Map.of()));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.CONVERTED);
    assertThat(requests).hasSize(1);
  }

  private AbandonedCartJourney start() {
    var journey =
        client.newWorkflowStub(
            AbandonedCartJourney.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                .setWorkflowId(JourneyCatalog.ABANDONED_CART.workflowId(CUSTOMER))
                .build());
    WorkflowClient.start(
        journey::run,
        new Enrollment(
            JourneyCatalog.ABANDONED_CART.name(),
            CUSTOMER,
            new CustomerEvent(
                "e-cart",
                CUSTOMER,
                EventTypes.CART_ABANDONED,
                Instant.parse("2026-11-23T10:00:00Z"),
                Map.of("cartTotal", "59.90"))));
    return journey;
  }

  private static JourneyOutcome result(AbandonedCartJourney journey) {
    return WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class);
  }
}
