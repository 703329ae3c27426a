package dev.journeys.journey.delivery;

import static dev.journeys.messaging.Channel.EMAIL;
import static dev.journeys.messaging.Channel.SMS;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.event.payload.DeliveryDelay;
import dev.journeys.event.payload.TicketOpened;
import dev.journeys.handoff.OwnTickets;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Handoff;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** The brief, line by line: see {@link DeliveryDelayedJourney}. */
public class DeliveryDelayedJourneyImpl implements DeliveryDelayedJourney {

  static final Duration WATCH_FOR_TICKET = Duration.ofDays(7);
  static final Duration WAIT_FOR_RESOLUTION = Duration.ofDays(7);

  static final Message DELAY_NOTICE =
      Message.firstAllowed(EMAIL, SMS).key("delivery-delayed").transactional();

  /**
   * Version 1: one enrollment per order. Only this order's delivery ends it, and only a ticket
   * about this order (never one Journeys opened itself) is handed off; version 0 (per customer)
   * took any delivery and any ticket.
   */
  static final String PER_ORDER = "delivery-delayed-per-order";

  private final Journey journey = Journey.create().exitOn(EventTypes.ORDER_DELIVERED);

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> delay = enrollment.triggerProperties();
    Predicate<CustomerEvent> aboutThisOrder = ticket -> true;
    if (Workflow.getVersion(PER_ORDER, Workflow.DEFAULT_VERSION, 1) >= 1) {
      journey.scopedTo("orderId");
      // a ticket names the order it is about; one without an order is support-escalation's alone,
      // so that one ticket never causes a handoff from every delayed order
      String orderId = enrollment.triggerPayload(DeliveryDelay.class).orderId();
      aboutThisOrder =
          ticket ->
              !OwnTickets.openedByJourneys(ticket)
                  && orderId != null
                  && orderId.equals(ticket.payload(TicketOpened.class).orderId());
    }
    Predicate<CustomerEvent> watched = aboutThisOrder;
    return journey.run(
        enrollment,
        () -> {
          journey.sendPreferred("delay-notice", DELAY_NOTICE.with(delay));

          journey.step("watch-for-ticket");
          if (journey.waitFor(EventTypes.TICKET_OPENED, watched, WATCH_FOR_TICKET).isEmpty()) {
            return;
          }

          var ticket =
              journey.handOff(
                  "human-handoff",
                  Handoff.to(
                          "Delayed delivery: the customer asked about order "
                              + delay.getOrDefault("orderId", "?"))
                      .high()
                      .because("delivery delayed"));

          journey.step("wait-for-resolution").awaitResolution(ticket, WAIT_FOR_RESOLUTION);
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
