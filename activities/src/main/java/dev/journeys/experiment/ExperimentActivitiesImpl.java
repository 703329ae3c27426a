package dev.journeys.experiment;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Experiment decisions for journeys, read at assignment time; outcomes recorded per arm. After each
 * outcome an undecided experiment is judged by {@link ExperimentReports}' rule (a sequential test
 * that stays valid however often it looks, a minimum sample and run time); the decision is recorded
 * as made by {@code auto}, with the statistics it was made on. {@code
 * journeys.experiments.auto-decide=false} leaves it to a person.
 */
@Component
public class ExperimentActivitiesImpl implements ExperimentActivities {

  private static final Logger log = LoggerFactory.getLogger(ExperimentActivitiesImpl.class);

  private final ExperimentDecisions decisions;
  private final ExperimentReports reports;
  private final boolean autoDecide;

  public ExperimentActivitiesImpl(
      ExperimentDecisions decisions,
      ExperimentReports reports,
      @Value("${journeys.experiments.auto-decide:true}") boolean autoDecide) {
    this.decisions = decisions;
    this.reports = reports;
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
    var report = reports.report(outcome.experiment());
    var rule = report.rule();
    rule.winner()
        .ifPresent(
            winner -> {
              String numbers =
                  rule.arms().stream()
                      .map(a -> a.variant() + " " + a.converted() + "/" + a.enrolled())
                      .collect(Collectors.joining(", "));
              String reason =
                  "won the "
                      + rule.rule()
                      + " at alpha "
                      + rule.alpha()
                      + " after "
                      + rule.ranFor()
                      + " with at least "
                      + rule.minSample()
                      + " per arm: "
                      + numbers;
              decisions.decide(
                  outcome.experiment(), winner, "auto", reason, ExperimentReports.json(report));
              log.info("experiment {} decided for {}: {}", outcome.experiment(), winner, reason);
            });
  }
}
