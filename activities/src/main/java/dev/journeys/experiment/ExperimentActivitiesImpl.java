package dev.journeys.experiment;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiment decisions for journeys, read at assignment time; outcomes recorded per arm. An
 * undecided experiment is decided automatically once every arm has {@code
 * journeys.experiments.min-sample} ended enrollments and the best beats the others at {@code
 * journeys.experiments.confidence}; {@code journeys.experiments.auto-decide=false} leaves it to a
 * person.
 */
@Component
public class ExperimentActivitiesImpl implements ExperimentActivities {

  private static final Logger log = LoggerFactory.getLogger(ExperimentActivitiesImpl.class);

  private final ExperimentDecisions decisions;
  private final ExperimentVerdict verdict;
  private final boolean autoDecide;

  public ExperimentActivitiesImpl(
      ExperimentDecisions decisions,
      @Value("${journeys.experiments.confidence:0.95}") double confidence,
      @Value("${journeys.experiments.min-sample:1000}") long minSample,
      @Value("${journeys.experiments.auto-decide:true}") boolean autoDecide) {
    this.decisions = decisions;
    this.verdict = new ExperimentVerdict(confidence, minSample);
    this.autoDecide = autoDecide;
  }

  @Override
  public ExperimentDecision decision(String experiment) {
    return decisions.find(experiment).orElseGet(() -> ExperimentDecision.undecided(experiment));
  }

  @Override
  @Transactional
  public void recordOutcome(ExperimentOutcome outcome) {
    decisions.recordOutcome(outcome);
    if (!autoDecide || decisions.find(outcome.experiment()).isPresent()) {
      return;
    }
    var results = decisions.results(outcome.experiment());
    verdict
        .winner(results)
        .ifPresent(
            winner -> {
              String numbers =
                  results.stream()
                      .map(a -> a.variant() + " " + a.converted() + "/" + a.enrolled())
                      .collect(Collectors.joining(", "));
              String reason =
                  "won at "
                      + verdict.confidence()
                      + " confidence with at least "
                      + verdict.minSample()
                      + " per arm: "
                      + numbers;
              decisions.decide(outcome.experiment(), winner, "auto", reason);
              log.info("experiment {} decided for {}: {}", outcome.experiment(), winner, reason);
            });
  }
}
