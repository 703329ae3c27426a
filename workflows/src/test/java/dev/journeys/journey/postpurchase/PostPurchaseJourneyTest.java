package dev.journeys.journey.postpurchase;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostPurchaseJourneyTest {

  private static final String CUSTOMER = "buyer-1";
  private static final Instant ORDERED = Instant.parse("2026-11-23T10:00:00Z");
  private final JourneyTestEnvironment test = new JourneyTestEnvironment(ORDERED);

  @AfterEach
  void tearDown() {
    test.close();
  }

  private PostPurchaseJourney order(Map<String, Object> order) {
    test.worker.registerWorkflowImplementationTypes(PostPurchaseJourneyImpl.class);
    test.start();
    return test.enrol(
        PostPurchaseJourney.class,
        JourneyCatalog.POST_PURCHASE,
        event("e-order", CUSTOMER, EventTypes.ORDER_PLACED, order));
  }

  @Test
  void followsTheOrderFromConfirmationToReplenishmentForAConsumable() {
    test.profiles.put(CUSTOMER, new CustomerProfile(CUSTOMER, null, Channel.SMS, Map.of()));
    var journey = order(Map.of("orderId", "o-1", "consumable", true, "replenishAfterDays", 30));

    test.env.sleep(Duration.ofDays(1));
    journey.onEvent(
        event(
            "e-ship",
            CUSTOMER,
            EventTypes.ORDER_SHIPPED,
            Map.of("orderId", "o-1", "carrier", "DHL")));
    test.env.sleep(Duration.ofDays(2));
    journey.onEvent(
        event("e-delivered", CUSTOMER, EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-1")));
    Instant deliveredAt = test.now();

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys())
        .containsExactly(
            "order-confirmation",
            "order-shipped",
            "order-delivered",
            "care-tips",
            "review-request",
            "replenishment-reminder");
    var sent = test.sent;
    assertThat(sent.get(0).request().topic()).isEqualTo(Topic.TRANSACTIONAL);
    // a review request is asked under its own topic: a customer can stop reviews, not all mail
    assertThat(sent.get(4).request().topic()).isEqualTo(Topic.REVIEWS);
    // shipping and delivery updates go to the preferred channel first
    assertThat(sent.get(1).request().channel()).isEqualTo(Channel.SMS);
    assertThat(sent.get(1).request().data()).containsEntry("carrier", "DHL");
    assertThat(sent.get(2).request().channel()).isEqualTo(Channel.SMS);
    assertThat(sent.get(3).at()).isAfterOrEqualTo(deliveredAt.plus(Duration.ofDays(2)));
    assertThat(sent.get(4).at())
        .isBetween(
            deliveredAt.plus(Duration.ofDays(7)),
            deliveredAt.plus(Duration.ofDays(7)).plusSeconds(5));
    assertThat(sent.get(5).at())
        .isBetween(
            deliveredAt.plus(Duration.ofDays(30)),
            deliveredAt.plus(Duration.ofDays(30)).plusSeconds(5));
  }

  @Test
  void ignoresOmsEventsOfOtherOrdersAndSendsNoReplenishmentForDurables() {
    var journey = order(Map.of("orderId", "o-1"));

    test.env.sleep(Duration.ofHours(1));
    journey.onEvent(event("e-other", CUSTOMER, EventTypes.ORDER_SHIPPED, Map.of("orderId", "o-2")));
    test.env.sleep(Duration.ofHours(1));
    assertThat(journey.state().step()).isEqualTo("wait-for-shipping");
    journey.onEvent(event("e-ship", CUSTOMER, EventTypes.ORDER_SHIPPED, Map.of("orderId", "o-1")));
    test.env.sleep(Duration.ofHours(1));
    journey.onEvent(
        event("e-delivered", CUSTOMER, EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-1")));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys())
        .containsExactly(
            "order-confirmation",
            "order-shipped",
            "order-delivered",
            "care-tips",
            "review-request");
    assertThat(test.sent.get(1).request().channel()).isEqualTo(Channel.EMAIL);
  }

  @Test
  void stopsAfterTheConfirmationWhenTheOrderNeverShips() {
    var journey = order(Map.of("orderId", "o-1"));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("order-confirmation");
    assertThat(journey.state().messages()).hasSize(1);
  }

  @Test
  void stopsAfterTheShippingUpdateWhenNoDeliveryIsReported() {
    var journey = order(Map.of("orderId", "o-1"));
    test.env.sleep(Duration.ofDays(1));
    journey.onEvent(event("e-ship", CUSTOMER, EventTypes.ORDER_SHIPPED, Map.of("orderId", "o-1")));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys()).containsExactly("order-confirmation", "order-shipped");
  }

  @Test
  void aNumericOrderIdMatchesTheSameIdSentAsText() {
    // the OMS sends 1001 when the order is placed and "1001" when it ships: one order, one id
    var journey = order(Map.of("orderId", 1001));
    test.env.sleep(Duration.ofHours(1));
    journey.onEvent(event("e-ship", CUSTOMER, EventTypes.ORDER_SHIPPED, Map.of("orderId", "1001")));
    test.env.sleep(Duration.ofHours(1));
    journey.onEvent(
        event("e-delivered", CUSTOMER, EventTypes.ORDER_DELIVERED, Map.of("orderId", 1001L)));

    assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
    assertThat(test.messageKeys())
        .containsExactly(
            "order-confirmation",
            "order-shipped",
            "order-delivered",
            "care-tips",
            "review-request");
  }
}
