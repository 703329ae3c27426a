package dev.journeys.experiment;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Reads experiment decisions, so an experiment can be decided without a redeploy (enrollments after
 * the decision go to the winner), and records each enrollment's outcome per arm.
 */
@ActivityInterface
public interface ExperimentActivities {

  @ActivityMethod(name = "ExperimentDecision")
  ExperimentDecision decision(String experiment);

  /**
   * Records how an enrollment in an arm ended; once enough enrollments have ended, the experiment
   * may be decided automatically (at the configured confidence and minimum sample).
   */
  @ActivityMethod(name = "RecordExperimentOutcome")
  void recordOutcome(ExperimentOutcome outcome);
}
