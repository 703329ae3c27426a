package dev.journeys.journey.support;

import static dev.journeys.journey.support.SupportEscalationJourneyImpl.AUTOMATED_ANSWER;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;

/** Support escalation, as the platform sees it: see {@link SupportEscalationJourney}. */
public final class SupportEscalation {

  /** A new ticket while one is being handled is delivered to that enrollment, not a second one. */
  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("support-escalation")
          .triggeredBy(EventTypes.TICKET_OPENED)
          .listensTo(EventTypes.TICKET_RESOLVED)
          .sends(AUTOMATED_ANSWER)
          .runs(
              JourneyWorkflow.of(SupportEscalationJourney.class, SupportEscalationJourneyImpl::new))
          .build();

  private SupportEscalation() {}
}
