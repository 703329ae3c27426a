package dev.journeys.journey.backinstock;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import java.util.List;
import java.util.Map;

/** Back in stock's recorded history: one subscriber told (the fan-out starts it in production). */
public class Histories implements JourneyHistories {

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "back-in-stock-notified",
            EventTypes.BACK_IN_STOCK,
            Map.of("productId", "tea-1", "productName", "Green tea")));
  }
}
