package dev.journeys.journey.delivery;

import static dev.journeys.journey.delivery.DeliveryDelayedJourneyImpl.DELAY_NOTICE;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;

/** The delayed-delivery journey, as the platform sees it: see {@link DeliveryDelayedJourney}. */
public final class DeliveryDelayed {

  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("delivery-delayed")
          .triggeredBy(EventTypes.DELIVERY_DELAYED)
          .listensTo(
              EventTypes.TICKET_OPENED, EventTypes.TICKET_RESOLVED, EventTypes.ORDER_DELIVERED)
          // one enrollment per order: a second delayed order gets its own notice and handoff
          .enrolledPer("orderId")
          // a ticket about the delayed order is this journey's handoff: support-escalation does not
          // open a second one for it
          .claims(EventTypes.TICKET_OPENED)
          .sends(DELAY_NOTICE)
          .runs(JourneyWorkflow.of(DeliveryDelayedJourney.class, DeliveryDelayedJourneyImpl::new))
          .build();

  private DeliveryDelayed() {}
}
