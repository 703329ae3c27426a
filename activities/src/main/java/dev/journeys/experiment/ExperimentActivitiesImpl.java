package dev.journeys.experiment;

import org.springframework.stereotype.Component;

/** Experiment decisions for journeys, read at assignment time. */
@Component
public class ExperimentActivitiesImpl implements ExperimentActivities {

  private final ExperimentDecisions decisions;

  public ExperimentActivitiesImpl(ExperimentDecisions decisions) {
    this.decisions = decisions;
  }

  @Override
  public ExperimentDecision decision(String experiment) {
    return decisions.find(experiment).orElseGet(() -> ExperimentDecision.undecided(experiment));
  }
}
