package dev.journeys.journey.support;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Support escalation: a complaint, a refund request, a damaged order or any ticket of a VIP goes to
 * a human at once (urgent). A routine question first gets an automated answer; if the ticket is not
 * resolved within a day, it goes to a human too.
 */
@WorkflowInterface
public interface SupportEscalationJourney extends CustomerJourney {

  @WorkflowMethod(name = "SupportEscalation")
  JourneyOutcome run(Enrollment enrollment);
}
