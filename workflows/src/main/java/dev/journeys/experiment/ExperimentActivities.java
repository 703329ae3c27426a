package dev.journeys.experiment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Reads experiment decisions, so an experiment can be decided without a redeploy: enrollments
 * after the decision go to the winner.
 */
@ActivityInterface
public interface ExperimentActivities {

  @ActivityMethod(name = "ExperimentDecision")
  ExperimentDecision decision(String experiment);
}
