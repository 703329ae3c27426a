package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.experiment.ExperimentActivities;
import dev.journeys.funnel.EnrollmentActivities;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneySearchAttributes;
import dev.journeys.journey.cart.AbandonedCartJourney;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.ledger.LedgerStatus;
import dev.journeys.ledger.MessageLedger;
import dev.journeys.messaging.SendActivities;
import dev.journeys.messaging.SendOutcome;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The funnel of real abandoned-cart journeys: run on Temporal's time-skipping test server with the
 * application's own enrollment log, experiment activities and message ledger on PostgreSQL (only
 * the provider is left out: a send is recorded in the ledger as sent), then read over HTTP.
 */
class FunnelApiTest extends ApiTestSupport {

  @Autowired EnrollmentActivities enrollments;
  @Autowired ExperimentActivities experiments;
  @Autowired MessageLedger ledger;

  private TestWorkflowEnvironment env;

  @BeforeEach
  void startJourneys() {
    env = TestWorkflowEnvironment.newInstance();
    for (var key : JourneySearchAttributes.ALL) {
      env.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    var worker = env.newWorker(JourneyCatalog.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(AbandonedCartJourneyImpl.class);
    SendActivities sends =
        request -> {
          if (request.holdout()) {
            ledger.recordNew(
                request, LedgerStatus.SUPPRESSED, SendOutcome.Suppressed.HOLDOUT, null);
            return new SendOutcome.Suppressed(SendOutcome.Suppressed.HOLDOUT);
          }
          ledger.recordNew(request, LedgerStatus.SENT, null, "someone@example.com");
          return new SendOutcome.Sent(request.channel(), "p-" + request.idempotencyKey());
        };
    worker.registerActivitiesImplementations(sends, experiments, enrollments);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void countsEntriesStepsAndConversionsPerArmFromRealJourneys() throws Exception {
    // 12 carts: 4 order within the hour (before any message), 4 a day after the last call (within
    // the attribution window, which the journey now waits out), 4 never order
    List<AbandonedCartJourney> journeys = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      journeys.add(enrol("c-" + i));
    }
    env.sleep(Duration.ofMinutes(30));
    for (int i = 0; i < 4; i++) {
      journeys.get(i).onEvent(order(i));
    }
    env.sleep(Duration.ofDays(1).plusHours(1));
    for (int i = 4; i < 8; i++) {
      journeys.get(i).onEvent(order(i));
    }
    for (var journey : journeys) {
      WorkflowStub.fromTyped(journey).getResult(JourneyOutcome.class);
    }

    var response = http.getForEntity("/v1/journeys/abandoned-cart/funnel", String.class);

    assertThat(response.getStatusCode().value()).isEqualTo(200);
    JsonNode funnel = json.readTree(response.getBody());
    assertThat(funnel.get("attributionWindow").asText()).isEqualTo("PT120H");
    JsonNode all = funnel.get("groups").get(0);
    assertThat(all.hasNonNull("arm")).isFalse();
    assertThat(all.get("entered").asLong()).isEqualTo(12);
    assertThat(all.get("running").asLong()).isZero();
    assertThat(all.get("converted").asLong()).isEqualTo(8);
    assertThat(all.get("attributed").asLong()).isEqualTo(4);
    assertThat(all.get("completed").asLong()).isEqualTo(4);
    var steps = all.get("steps");
    assertThat(steps.get(0).get("step").asText()).isEqualTo("cart-reminder");
    assertThat(steps.get(0).get("reached").asLong()).isEqualTo(8);
    long lastCallAttributed = 0;
    long lastCallsReached = 0;
    for (int s = 1; s < steps.size(); s++) { // one last-call step per channel
      lastCallsReached += steps.get(s).get("reached").asLong();
      lastCallAttributed += steps.get(s).get("attributed").asLong();
    }
    assertThat(lastCallsReached).isEqualTo(8);
    assertThat(steps.get(0).get("attributed").asLong()).isZero();

    // the arms (and the hold-out) split the enrollments between them, and their funnels add up
    long entered = 0;
    long converted = 0;
    long attributed = 0;
    long sentLastCalls = 0;
    for (int g = 1; g < funnel.get("groups").size(); g++) {
      JsonNode arm = funnel.get("groups").get(g);
      assertThat(arm.get("experiment").asText()).isEqualTo("cart-last-call-channel");
      entered += arm.get("entered").asLong();
      converted += arm.get("converted").asLong();
      attributed += arm.get("attributed").asLong();
      if ("holdout".equals(arm.get("arm").asText())) {
        for (JsonNode step : arm.get("steps")) {
          assertThat(step.get("sent").asLong()).isZero();
          assertThat(step.get("heldBack").asLong()).isEqualTo(step.get("reached").asLong());
        }
      } else {
        for (int s = 1; s < arm.get("steps").size(); s++) {
          sentLastCalls += arm.get("steps").get(s).get("sent").asLong();
        }
      }
    }
    assertThat(entered).isEqualTo(12);
    assertThat(converted).isEqualTo(8);
    assertThat(attributed).isEqualTo(4);
    assertThat(lastCallAttributed).isLessThanOrEqualTo(4).isPositive();
    assertThat(sentLastCalls).isPositive();

    // a window shorter than the 1.5 hours from the last call to those orders credits none of them
    var narrow =
        json.readTree(
            http.getForEntity("/v1/journeys/abandoned-cart/funnel?window=PT1H", String.class)
                .getBody());
    assertThat(narrow.get("groups").get(0).get("attributed").asLong()).isZero();

    var page = http.getForEntity("/v1/journeys/abandoned-cart/funnel.html", String.class);
    assertThat(page.getStatusCode().value()).isEqualTo(200);
    assertThat(page.getHeaders().getContentType().toString()).startsWith("text/html");
    assertThat(page.getBody())
        .contains("<svg", "class=\"bar\"", "cart-reminder", "cart-last-call-channel")
        .doesNotContain("<script", "http://cdn", "https://");
  }

  @Test
  void unknownJourneyIs404AndBadInputIs400() {
    assertThat(
            http.getForEntity("/v1/journeys/nobody/funnel", String.class).getStatusCode().value())
        .isEqualTo(404);
    assertThat(
            http.getForEntity("/v1/journeys/Bad%20Name/funnel", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(400);
    assertThat(
            http.getForEntity("/v1/journeys/abandoned-cart/funnel?window=soon", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(400);
    assertThat(
            http.getForEntity("/v1/journeys/abandoned-cart/funnel?window=P400D", String.class)
                .getStatusCode()
                .value())
        .isEqualTo(400);
  }

  private AbandonedCartJourney enrol(String customer) {
    var journey =
        env.getWorkflowClient()
            .newWorkflowStub(
                AbandonedCartJourney.class,
                WorkflowOptions.newBuilder()
                    .setTaskQueue(JourneyCatalog.TASK_QUEUE)
                    .setWorkflowId("abandoned-cart:" + customer)
                    .build());
    var trigger =
        new CustomerEvent(
            "e-cart-" + customer,
            customer,
            EventTypes.CART_ABANDONED,
            Instant.now(),
            Map.of("cartTotal", "59.90"));
    io.temporal.client.WorkflowClient.start(
        journey::run, new Enrollment("abandoned-cart", customer, trigger));
    return journey;
  }

  private static CustomerEvent order(int i) {
    return new CustomerEvent(
        "e-order-" + i, "c-" + i, EventTypes.ORDER_PLACED, Instant.now(), Map.of());
  }
}
