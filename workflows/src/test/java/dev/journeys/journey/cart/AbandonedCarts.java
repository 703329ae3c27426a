package dev.journeys.journey.cart;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.SendRequest;
import io.temporal.client.WorkflowStub;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the abandoned-cart tests share: one customer, one cart, the journey on the environment. */
final class AbandonedCarts {

  static final String CUSTOMER = "c-42";

  private AbandonedCarts() {}

  /** Registers the journey with these settings, starts the environment and enrols c-42. */
  static AbandonedCartJourney enrol(JourneyTestEnvironment test, AbandonedCartSettings settings) {
    test.worker.registerWorkflowImplementationFactory(
        AbandonedCartJourney.class, () -> new AbandonedCartJourneyImpl(settings));
    test.start();
    return test.enrol(
        AbandonedCartJourney.class,
        JourneyCatalog.ABANDONED_CART,
        JourneyTestEnvironment.event(
            "e-cart", CUSTOMER, EventTypes.CART_ABANDONED, Map.of("cartTotal", "59.90")));
  }

  static CustomerEvent order() {
    return new CustomerEvent(
        "e-order",
        CUSTOMER,
        EventTypes.ORDER_PLACED,
        Instant.parse("2026-11-23T10:30:00Z"),
        Map.of());
  }

  static List<SendRequest> requests(JourneyTestEnvironment test) {
    synchronized (test.sent) {
      return test.sent.stream().map(JourneyTestEnvironment.SentAt::request).toList();
    }
  }

  /** "workflowId/firstRunId" of a started journey: the prefix of its idempotency keys. */
  static String enrollmentId(AbandonedCartJourney journey) {
    var execution = WorkflowStub.fromTyped(journey).getExecution();
    return execution.getWorkflowId() + "/" + execution.getRunId();
  }
}
