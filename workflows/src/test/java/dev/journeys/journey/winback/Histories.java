package dev.journeys.journey.winback;

import static dev.journeys.journey.JourneyTestEnvironment.event;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import dev.journeys.messaging.SendOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The win-back's recorded history: a purchase while watching, lapsed, then won back. */
public class Histories implements JourneyHistories {

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "win-back-converted",
            EventTypes.ORDER_PLACED,
            Map.of(),
            (test, journey) -> {
              test.env.sleep(Duration.ofDays(20));
              journey.onEvent(event("e-order-1", "c-1", EventTypes.ORDER_PLACED, Map.of()));
              test.env.sleep(Duration.ofDays(61));
              journey.onEvent(event("e-order-2", "c-1", EventTypes.ORDER_PLACED, Map.of()));
            }),
        // version 1 of awaitNext: a purchase while the first message is deferred is seen
        new Scenario(
            "win-back-purchase-while-deferred",
            EventTypes.ORDER_PLACED,
            Map.of(),
            (test, journey) -> {
              test.sendBehaviour =
                  request ->
                      request.idempotencyKey().endsWith("/retry-1")
                          ? new SendOutcome.Sent(request.channel(), "p")
                          : new SendOutcome.Deferred(
                              test.now().plus(Duration.ofHours(8)), "quiet_hours");
              test.env.sleep(Duration.ofDays(60).plusHours(1));
              journey.onEvent(event("e-order-1", "c-1", EventTypes.ORDER_PLACED, Map.of()));
            }),
        // version 1 of win-back: the purchase during the deferral ends it, nothing more is asked
        new Scenario(
            "win-back-purchase-stops-deferred-send",
            EventTypes.ORDER_PLACED,
            Map.of(),
            (test, journey) -> {
              var asked = new java.util.concurrent.atomic.AtomicInteger();
              test.sendBehaviour =
                  request ->
                      asked.getAndIncrement() == 0
                          ? new SendOutcome.Deferred(
                              test.now().plus(Duration.ofHours(8)), "quiet_hours")
                          : new SendOutcome.Sent(request.channel(), "p");
              test.env.sleep(Duration.ofDays(60).plusHours(1));
              journey.onEvent(event("e-order-1", "c-1", EventTypes.ORDER_PLACED, Map.of()));
            }));
  }
}
