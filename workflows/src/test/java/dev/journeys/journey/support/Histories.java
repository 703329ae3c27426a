package dev.journeys.journey.support;

import static dev.journeys.journey.JourneyTestEnvironment.event;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Support escalation's recorded history: a question answered, resolved after the grace period. */
public class Histories implements JourneyHistories {

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "support-escalation-unresolved",
            EventTypes.TICKET_OPENED,
            Map.of("category", "question"),
            (test, journey) -> {
              test.env.sleep(Duration.ofDays(2));
              journey.onEvent(
                  event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
            }),
        new Scenario(
            "support-escalation-per-ticket",
            EventTypes.TICKET_OPENED,
            Map.of("category", "question", "ticketId", "TK-1"),
            (test, journey) -> {
              test.env.sleep(Duration.ofHours(2));
              journey.onEvent(
                  event("e-other", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "TK-2")));
              test.env.sleep(Duration.ofDays(2));
              journey.onEvent(
                  event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
            }));
  }
}
