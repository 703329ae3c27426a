package dev.journeys.journey.postpurchase;

import static dev.journeys.journey.JourneyTestEnvironment.event;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The post-purchase journey's recorded history: shipped, delivered, replenishment reminder. */
public class Histories implements JourneyHistories {

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "post-purchase-replenishment",
            EventTypes.ORDER_PLACED,
            Map.of("orderId", "o-1", "consumable", true, "replenishAfterDays", 30),
            (test, journey) -> {
              test.env.sleep(Duration.ofDays(1));
              journey.onEvent(
                  event("e-ship", "c-1", EventTypes.ORDER_SHIPPED, Map.of("orderId", "o-1")));
              test.env.sleep(Duration.ofDays(2));
              journey.onEvent(
                  event(
                      "e-delivered", "c-1", EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-1")));
            }));
  }
}
