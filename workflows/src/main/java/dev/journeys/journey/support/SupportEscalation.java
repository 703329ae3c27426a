package dev.journeys.journey.support;

import static dev.journeys.journey.support.SupportEscalationJourneyImpl.AUTOMATED_ANSWER;

import dev.journeys.event.EventTypes;
import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.JourneyWorkflow;

/** Support escalation, as the platform sees it: see {@link SupportEscalationJourney}. */
public final class SupportEscalation {

  /**
   * One enrollment per ticket: a complaint opened while a routine question waits out its grace
   * period is handed off at once, in an enrollment of its own.
   */
  public static final JourneyDefinition DEFINITION =
      JourneyDefinition.named("support-escalation")
          .triggeredBy(EventTypes.TICKET_OPENED)
          .listensTo(EventTypes.TICKET_RESOLVED)
          .enrolledPer("ticketId")
          .sends(AUTOMATED_ANSWER)
          .runs(
              JourneyWorkflow.of(SupportEscalationJourney.class, SupportEscalationJourneyImpl::new))
          .build();

  private SupportEscalation() {}
}
