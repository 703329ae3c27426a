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

  @Override
  public List<Scenario> scenarios() {
    Map<String, Object> cart = Map.of("cartTotal", "59.90");
    return List.of(
        new Scenario("abandoned-cart-completed", EventTypes.CART_ABANDONED, cart),
        new Scenario(
            "abandoned-cart-converted",
            EventTypes.CART_ABANDONED,
            cart,
            (test, journey) -> {
              test.env.sleep(Duration.ofHours(3));
              journey.onEvent(event("e-order", "c-1", EventTypes.ORDER_PLACED, Map.of()));
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
