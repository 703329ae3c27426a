package dev.journeys.journey.winback;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Win-back: started by a purchase, it watches for the next one. When none comes for the lapse
 * period (60 days by default), it sends a sequence of re-engagement messages a week apart; a
 * purchase ends it as converted, unsubscribing as exited. While the customer keeps buying it keeps
 * watching, continuing as new before its history grows large.
 */
@WorkflowInterface
public interface WinBackJourney extends CustomerJourney {

  @WorkflowMethod(name = "WinBack")
  JourneyOutcome run(Enrollment enrollment);
}
