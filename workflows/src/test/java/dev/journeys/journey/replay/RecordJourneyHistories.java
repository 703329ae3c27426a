package dev.journeys.journey.replay;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.JourneyCatalog;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.journey.cart.AbandonedCartJourney;
import dev.journeys.journey.cart.AbandonedCartJourneyImpl;
import dev.journeys.journey.delivery.DeliveryDelayedJourney;
import dev.journeys.journey.delivery.DeliveryDelayedJourneyImpl;
import dev.journeys.journey.postpurchase.PostPurchaseJourney;
import dev.journeys.journey.postpurchase.PostPurchaseJourneyImpl;
import dev.journeys.journey.support.SupportEscalationJourney;
import dev.journeys.journey.support.SupportEscalationJourneyImpl;
import dev.journeys.journey.welcome.WelcomeSeriesJourney;
import dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl;
import dev.journeys.journey.winback.WinBackJourney;
import dev.journeys.journey.winback.WinBackJourneyImpl;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records one history per built-in journey scenario into {@code src/test/resources/histories}, for
 * {@link JourneyReplayTest}. Run it deliberately, before changing a journey, never as part of the
 * build:
 *
 * <pre>
 * ./mvnw -pl workflows test -Dtest=RecordJourneyHistories -Djourneys.record-histories=true
 * </pre>
 *
 * A file name that exists is kept (histories are recorded once and replayed forever); delete it to
 * record it again.
 */
@EnabledIfSystemProperty(named = "journeys.record-histories", matches = "true")
class RecordJourneyHistories {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void abandonedCart() throws IOException {
    record(
        "abandoned-cart-completed",
        AbandonedCartJourneyImpl.class,
        AbandonedCartJourney.class,
        JourneyCatalog.ABANDONED_CART,
        EventTypes.CART_ABANDONED,
        Map.of("cartTotal", "59.90"),
        (test, journey) -> {});
    record(
        "abandoned-cart-converted",
        AbandonedCartJourneyImpl.class,
        AbandonedCartJourney.class,
        JourneyCatalog.ABANDONED_CART,
        EventTypes.CART_ABANDONED,
        Map.of("cartTotal", "59.90"),
        (test, journey) -> {
          test.env.sleep(Duration.ofHours(3));
          journey.onEvent(event("e-order", "c-1", EventTypes.ORDER_PLACED, Map.of()));
        });
  }

  /** The hold-out branch; {@code -Djourneys.cart-holdout-history=...} names the file. */
  @Test
  void abandonedCartHoldout() throws IOException {
    record(
        System.getProperty("journeys.cart-holdout-history", "abandoned-cart-holdout-v1"),
        dev.journeys.journey.cart.HeldOutAbandonedCart.class,
        AbandonedCartJourney.class,
        JourneyCatalog.ABANDONED_CART,
        EventTypes.CART_ABANDONED,
        Map.of("cartTotal", "59.90"),
        (test, journey) -> {});
  }

  @Test
  void welcomeSeries() throws IOException {
    record(
        WelcomeSeriesVersions.historyName(),
        WelcomeSeriesJourneyImpl.class,
        WelcomeSeriesJourney.class,
        JourneyCatalog.WELCOME_SERIES,
        EventTypes.CUSTOMER_SIGNED_UP,
        Map.of(),
        (test, journey) -> {});
  }

  @Test
  void postPurchase() throws IOException {
    record(
        "post-purchase-replenishment",
        PostPurchaseJourneyImpl.class,
        PostPurchaseJourney.class,
        JourneyCatalog.POST_PURCHASE,
        EventTypes.ORDER_PLACED,
        Map.of("orderId", "o-1", "consumable", true, "replenishAfterDays", 30),
        (test, journey) -> {
          test.env.sleep(Duration.ofDays(1));
          journey.onEvent(
              event("e-ship", "c-1", EventTypes.ORDER_SHIPPED, Map.of("orderId", "o-1")));
          test.env.sleep(Duration.ofDays(2));
          journey.onEvent(
              event("e-delivered", "c-1", EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-1")));
        });
  }

  @Test
  void winBack() throws IOException {
    record(
        "win-back-converted",
        WinBackJourneyImpl.class,
        WinBackJourney.class,
        JourneyCatalog.WIN_BACK,
        EventTypes.ORDER_PLACED,
        Map.of(),
        (test, journey) -> {
          test.env.sleep(Duration.ofDays(20));
          journey.onEvent(event("e-order-1", "c-1", EventTypes.ORDER_PLACED, Map.of()));
          test.env.sleep(Duration.ofDays(61));
          journey.onEvent(event("e-order-2", "c-1", EventTypes.ORDER_PLACED, Map.of()));
        });
  }

  @Test
  void deliveryDelayed() throws IOException {
    record(
        "delivery-delayed-handoff",
        DeliveryDelayedJourneyImpl.class,
        DeliveryDelayedJourney.class,
        JourneyCatalog.DELIVERY_DELAYED,
        EventTypes.DELIVERY_DELAYED,
        Map.of("orderId", "o-9"),
        (test, journey) -> {
          test.env.sleep(Duration.ofDays(1));
          journey.onEvent(event("e-ticket", "c-1", EventTypes.TICKET_OPENED, Map.of()));
          test.env.sleep(Duration.ofHours(2));
          journey.onEvent(
              event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
        });
  }

  @Test
  void supportEscalation() throws IOException {
    record(
        "support-escalation-unresolved",
        SupportEscalationJourneyImpl.class,
        SupportEscalationJourney.class,
        JourneyCatalog.SUPPORT_ESCALATION,
        EventTypes.TICKET_OPENED,
        Map.of("category", "question"),
        (test, journey) -> {
          test.env.sleep(Duration.ofDays(2));
          journey.onEvent(
              event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
        });
  }

  @Test
  void backInStock() throws IOException {
    record(
        "back-in-stock-notified",
        dev.journeys.journey.backinstock.BackInStockJourneyImpl.class,
        dev.journeys.journey.backinstock.BackInStockJourney.class,
        JourneyCatalog.BACK_IN_STOCK,
        EventTypes.BACK_IN_STOCK,
        Map.of("productId", "tea-1", "productName", "Green tea"),
        (test, journey) -> {});
  }

  /** A scenario: what the test does to the running journey before it ends. */
  interface Script<T> {
    void play(JourneyTestEnvironment test, T journey);
  }

  private static <T extends CustomerJourney> void record(
      String name,
      Class<?> implementation,
      Class<T> type,
      JourneyDefinition definition,
      String trigger,
      Map<String, Object> properties,
      Script<T> script)
      throws IOException {
    Path file = HISTORIES.resolve(name + ".json");
    if (Files.exists(file)) {
      return;
    }
    try (var test = new JourneyTestEnvironment()) {
      test.worker.registerWorkflowImplementationTypes(implementation);
      test.start();
      T journey = test.enrol(type, definition, event("e-trigger", "c-1", trigger, properties));
      script.play(test, journey);
      result(journey);
      var execution = WorkflowStub.fromTyped(journey).getExecution();
      var history = test.client().fetchHistory(execution.getWorkflowId(), execution.getRunId());
      Files.createDirectories(HISTORIES);
      Files.writeString(file, history.toJson(true));
    }
  }
}
