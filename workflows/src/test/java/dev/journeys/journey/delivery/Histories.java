package dev.journeys.journey.delivery;

import static dev.journeys.journey.JourneyTestEnvironment.event;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.replay.JourneyHistories;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The delayed delivery's recorded histories: a ticket, a handoff, the ticket resolved; per order
 * (version 1), with another order's delivery and ticket in between, which it ignores.
 */
public class Histories implements JourneyHistories {

  @Override
  public List<Scenario> scenarios() {
    return List.of(
        new Scenario(
            "delivery-delayed-handoff",
            EventTypes.DELIVERY_DELAYED,
            Map.of("orderId", "o-9"),
            (test, journey) -> {
              test.env.sleep(Duration.ofDays(1));
              journey.onEvent(event("e-ticket", "c-1", EventTypes.TICKET_OPENED, Map.of()));
              test.env.sleep(Duration.ofHours(2));
              journey.onEvent(
                  event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
            }),
        new Scenario(
            "delivery-delayed-per-order",
            EventTypes.DELIVERY_DELAYED,
            Map.of("orderId", "o-9"),
            (test, journey) -> {
              test.env.sleep(Duration.ofHours(5));
              journey.onEvent(
                  event("e-other", "c-1", EventTypes.ORDER_DELIVERED, Map.of("orderId", "o-8")));
              journey.onEvent(
                  event("e-t8", "c-1", EventTypes.TICKET_OPENED, Map.of("orderId", "o-8")));
              test.env.sleep(Duration.ofDays(1));
              journey.onEvent(
                  event("e-t9", "c-1", EventTypes.TICKET_OPENED, Map.of("orderId", "o-9")));
              test.env.sleep(Duration.ofHours(2));
              journey.onEvent(
                  event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
            }),
        // version 1 of handoffs: the parcel arrives while the ticket is being opened; the handoff
        // completes and is recorded, then the exit ends the journey (nothing cancelled)
        new Scenario(
            "delivery-delayed-exit-during-handoff",
            EventTypes.DELIVERY_DELAYED,
            Map.of("orderId", "o-9"),
            (test, journey) -> {
              var inFlight = new java.util.concurrent.CountDownLatch(1);
              var release = new java.util.concurrent.CountDownLatch(1);
              test.beforeTicket =
                  () -> {
                    inFlight.countDown();
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  };
              test.env.sleep(Duration.ofDays(1));
              journey.onEvent(
                  event("e-t9", "c-1", EventTypes.TICKET_OPENED, Map.of("orderId", "o-9")));
              try {
                inFlight.await(30, java.util.concurrent.TimeUnit.SECONDS);
                journey.onEvent(
                    event(
                        "e-delivered",
                        "c-1",
                        EventTypes.ORDER_DELIVERED,
                        Map.of("orderId", "o-9")));
                Thread.sleep(1_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              release.countDown();
            }),
        // version 1 of waits: the watch for a ticket ends early, its timer is cancelled
        new Scenario(
            "delivery-delayed-timer-cancelled",
            EventTypes.DELIVERY_DELAYED,
            Map.of("orderId", "o-9"),
            (test, journey) -> {
              test.env.sleep(Duration.ofDays(1));
              journey.onEvent(
                  event("e-t9", "c-1", EventTypes.TICKET_OPENED, Map.of("orderId", "o-9")));
              test.env.sleep(Duration.ofHours(2));
              journey.onEvent(
                  event("e-res", "c-1", EventTypes.TICKET_RESOLVED, Map.of("ticketId", "T-1")));
            }));
  }
}
