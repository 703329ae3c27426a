package dev.journeys.journey.welcome;

import dev.journeys.journey.CustomerJourney;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.JourneyOutcome;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Welcome series: a welcome email at sign-up, tips two days later, and a first-purchase nudge on
 * day five unless the customer has bought by then. Unsubscribing ends it.
 */
@WorkflowInterface
public interface WelcomeSeriesJourney extends CustomerJourney {

  @WorkflowMethod(name = "WelcomeSeries")
  JourneyOutcome run(Enrollment enrollment);
}
