package dev.journeys.journey.winback;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;
import dev.journeys.journey.Message;

/** The win-back, as the platform sees it: see {@link WinBackJourney}. */
public final class WinBack {

  /** Every purchase is delivered to the running win-back, which restarts its lapse clock. */
  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("win-back")
          .triggeredBy(EventTypes.ORDER_PLACED)
          .listensTo(EventTypes.UNSUBSCRIBED)
          // the messages are settings; these are the default ones
          .sends(WinBackSettings.DEFAULTS.messages().stream().map(Message::email).toList())
          .runs(
              JourneyWorkflow.configured(
                  WinBackJourney.class,
                  "journeys.win-back",
                  WinBackSettings.DEFAULTS,
                  WinBackJourneyImpl::new))
          .build();

  private WinBack() {}
}
