package dev.journeys.journey.welcome;

import static dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl.FIRST_PURCHASE_NUDGE;
import static dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl.TIPS;
import static dev.journeys.journey.welcome.WelcomeSeriesJourneyImpl.WELCOME;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;

/** The welcome series, as the platform sees it: see {@link WelcomeSeriesJourney}. */
public final class WelcomeSeries {

  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("welcome-series")
          .triggeredBy(EventTypes.CUSTOMER_SIGNED_UP)
          .listensTo(EventTypes.ORDER_PLACED, EventTypes.UNSUBSCRIBED)
          .sends(WELCOME, TIPS, FIRST_PURCHASE_NUDGE)
          .runs(JourneyWorkflow.of(WelcomeSeriesJourney.class, WelcomeSeriesJourneyImpl::new))
          .build();

  private WelcomeSeries() {}
}
