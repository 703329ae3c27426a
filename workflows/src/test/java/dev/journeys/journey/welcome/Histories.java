package dev.journeys.journey.welcome;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import java.util.List;
import java.util.Map;

/**
 * The welcome series' recorded history; {@code -Djourneys.welcome-history=...} names the file (see
 * the getVersion example in the README: {@code welcome-series-v0} was recorded before the change).
 */
public class Histories implements JourneyHistories {

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            System.getProperty("journeys.welcome-history", "welcome-series-v1"),
            EventTypes.CUSTOMER_SIGNED_UP,
            Map.of()),
        // lean-first-task, started without attributes: one upsert with CustomerId, Journey, step
        new Scenario("welcome-series-lean-first-task", EventTypes.CUSTOMER_SIGNED_UP, Map.of()));
  }
}
