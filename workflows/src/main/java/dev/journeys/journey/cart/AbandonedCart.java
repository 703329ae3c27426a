package dev.journeys.journey.cart;

import static dev.journeys.journey.cart.AbandonedCartJourneyImpl.CART_REMINDER;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;
import dev.journeys.journey.Reentry;

/** The abandoned cart, as the platform sees it: see {@link AbandonedCartJourney}. */
public final class AbandonedCart {

  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("abandoned-cart")
          .triggeredBy(EventTypes.CART_ABANDONED)
          .listensTo(EventTypes.ORDER_PLACED)
          // a new cart while one runs updates it: the reminder and last call show the newest
          .reentry(Reentry.update())
          .sends(CART_REMINDER, LastCallChannel.SMS.lastCall, LastCallChannel.EMAIL.lastCall)
          .runs(
              JourneyWorkflow.configured(
                  AbandonedCartJourney.class,
                  "journeys.abandoned-cart",
                  AbandonedCartSettings.DEFAULTS,
                  AbandonedCartJourneyImpl::new))
          .build();

  private AbandonedCart() {}
}
