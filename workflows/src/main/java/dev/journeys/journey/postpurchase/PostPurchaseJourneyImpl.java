package dev.journeys.journey.postpurchase;

import static dev.journeys.messaging.Channel.EMAIL;
import static dev.journeys.messaging.Channel.SMS;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.event.payload.AboutOrder;
import dev.journeys.event.payload.OrderPlaced;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import dev.journeys.messaging.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

/** The brief, line by line: see {@link PostPurchaseJourney}. */
public class PostPurchaseJourneyImpl implements PostPurchaseJourney {

  static final Duration SHIPPING_EXPECTED_WITHIN = Duration.ofDays(14);
  static final Duration DELIVERY_EXPECTED_WITHIN = Duration.ofDays(30);
  static final Duration CARE_TIPS_AFTER_DELIVERY = Duration.ofDays(2);
  static final Duration REVIEW_AFTER_DELIVERY = Duration.ofDays(7);

  static final Message CONFIRMATION = Message.email("order-confirmation").transactional();
  static final Message SHIPPED =
      Message.firstAllowed(EMAIL, SMS).key("order-shipped").transactional();
  static final Message DELIVERED =
      Message.firstAllowed(EMAIL, SMS).key("order-delivered").transactional();
  static final Message CARE_TIPS = Message.email("care-tips");
  static final Message REVIEW_REQUEST = Message.email("review-request").about(Topic.REVIEWS);
  static final Message REPLENISH = Message.firstAllowed(EMAIL, SMS).key("replenishment-reminder");

  private final Journey journey = Journey.create();

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> order = enrollment.triggerProperties(); // the templates' variables
    OrderPlaced placed = enrollment.triggerPayload(OrderPlaced.class);
    String orderId = placed.orderId();
    // OMS events for other orders of the same customer are not this journey's business; ids are
    // compared as text, so 1001 from one system and "1001" from another are the same order
    Predicate<CustomerEvent> thisOrder =
        e -> orderId == null || e.payload() instanceof AboutOrder o && orderId.equals(o.orderId());
    return journey.run(
        enrollment,
        () -> {
          journey.send(CONFIRMATION.with(order));

          journey.step("wait-for-shipping");
          var shipped =
              journey.waitFor(EventTypes.ORDER_SHIPPED, thisOrder, SHIPPING_EXPECTED_WITHIN);
          if (shipped.isEmpty()) {
            journey.step("no-shipping-news");
            return;
          }
          journey.sendPreferred(SHIPPED.with(order).with(shipped.get().properties()));

          journey.step("wait-for-delivery");
          var delivered =
              journey.waitFor(EventTypes.ORDER_DELIVERED, thisOrder, DELIVERY_EXPECTED_WITHIN);
          if (delivered.isEmpty()) {
            journey.step("no-delivery-news");
            return;
          }
          Instant deliveredAt = journey.now();
          journey.sendPreferred(DELIVERED.with(order));

          journey.pause("care-tips", CARE_TIPS_AFTER_DELIVERY);
          journey.send(CARE_TIPS.with(order));

          journey.pauseUntil("review-request", deliveredAt.plus(REVIEW_AFTER_DELIVERY));
          journey.send(REVIEW_REQUEST.with(order));

          if (placed.remindsToReplenish()) {
            journey.pauseUntil(
                "replenishment-reminder",
                deliveredAt.plus(Duration.ofDays(placed.replenishAfterDays())));
            journey.send(REPLENISH.with(order));
          }
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
