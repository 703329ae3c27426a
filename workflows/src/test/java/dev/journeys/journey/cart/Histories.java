package dev.journeys.journey.cart;

import static dev.journeys.journey.JourneyTestEnvironment.event;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The abandoned cart's recorded histories: run to the end, converted by an order, and everyone held
 * out ({@code -Djourneys.cart-holdout-history=...} names that file).
 */
public class Histories implements JourneyHistories {

  private static final String HOLDOUT = "abandoned-cart-holdout";

  static final String ARM_RECORDED = "abandoned-cart-arm-recorded";

  @Override
  public List<Scenario> scenarios() {
    Map<String, Object> cart = Map.of("cartTotal", "59.90");
    return List.of(
        new Scenario("abandoned-cart-completed", EventTypes.CART_ABANDONED, cart),
        // the arm recorded in history (a side effect): AbandonedCartArmReplayTest replays it
        // under other weights and hold-out shares
        new Scenario(ARM_RECORDED, EventTypes.CART_ABANDONED, cart),
        // the first timer in the first workflow task (local decision, entry not awaited)
        new Scenario("abandoned-cart-one-task-to-first-wait", EventTypes.CART_ABANDONED, cart),
        // lean-first-task: the entry a local activity, one upsert per task; recorded with the
        // CustomerId and Journey attributes given at start (not upserted again)
        new Scenario("abandoned-cart-lean-first-task", EventTypes.CART_ABANDONED, cart),
        // recorded before send-outcomes: the deferred reminder was asked again as .../retry-1
        new Scenario(
            "abandoned-cart-deferred-v0",
            EventTypes.CART_ABANDONED,
            cart,
            (test, journey) -> {
              var deferred = new java.util.concurrent.atomic.AtomicBoolean();
              test.sendBehaviour =
                  request ->
                      request.messageKey().equals("cart-reminder") && !deferred.getAndSet(true)
                          ? new dev.journeys.messaging.SendOutcome.Deferred(
                              test.now().plus(Duration.ofHours(8)), "quiet_hours")
                          : new dev.journeys.messaging.SendOutcome.Sent(
                              request.channel(), "p-" + request.idempotencyKey());
            }),
        new Scenario(
            "abandoned-cart-converted",
            EventTypes.CART_ABANDONED,
            cart,
            (test, journey) -> {
              test.env.sleep(Duration.ofHours(3));
              journey.onEvent(event("e-order", "c-1", EventTypes.ORDER_PLACED, Map.of()));
            }),
        // version 1 of the cart: a new cart while it runs, the messages show the newest
        new Scenario(
            "abandoned-cart-updated",
            EventTypes.CART_ABANDONED,
            cart,
            (test, journey) -> {
              test.env.sleep(Duration.ofMinutes(30));
              journey.onEvent(
                  event(
                      "e-cart-2", "c-1", EventTypes.CART_ABANDONED, Map.of("cartTotal", "84.50")));
            }),
        new Scenario(
            "abandoned-cart-attributed",
            EventTypes.CART_ABANDONED,
            cart,
            (test, journey) -> {
              // an order two days after the last call: within the attribution window
              test.env.sleep(Duration.ofDays(3));
              journey.onEvent(event("e-order", "c-1", EventTypes.ORDER_PLACED, Map.of()));
            }),
        new Scenario(
            System.getProperty("journeys.cart-holdout-history", HOLDOUT + "-v1"),
            EventTypes.CART_ABANDONED,
            cart));
  }

  @Override
  public Optional<Object> settingsFor(String history) {
    return history.startsWith(HOLDOUT)
        ? Optional.of(HeldOutAbandonedCart.EVERYONE_HELD_OUT)
        : Optional.empty();
  }
}
