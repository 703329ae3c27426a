package dev.journeys.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * An experiment as it stands: each arm's numbers, its lift over the hold-out with a confidence
 * interval, what the decision rule says now, and the decision if one was made (with the statistics
 * it was made on and who made it).
 *
 * <p>The rule is configured by {@code journeys.experiments.confidence} (1 − alpha, default 0.95),
 * {@code .tau} (the mSPRT's effect scale, default 0.02), {@code .min-sample} (default 1000 per arm)
 * and {@code .min-run-time} (default 7 days since the first outcome).
 */
@Component
public class ExperimentReports {

  static final ObjectMapper JSON =
      new ObjectMapper().registerModule(new Jdk8Module()).registerModule(new JavaTimeModule());

  /** What {@code GET /v1/experiments/{name}} answers. */
  public record Report(
      String experiment,
      Optional<ExperimentDecision> decision,
      Optional<String> decisionStatistics,
      Instant runningSince,
      ExperimentVerdict.Verdict rule,
      ExperimentVerdict.ArmResult holdout,
      List<Lift> lifts) {}

  private final ExperimentDecisions decisions;
  private final ExperimentVerdict verdict;
  private final double confidence;
  private final Clock clock;

  public ExperimentReports(
      ExperimentDecisions decisions,
      Clock clock,
      @Value("${journeys.experiments.confidence:0.95}") double confidence,
      @Value("${journeys.experiments.tau:0.02}") double tau,
      @Value("${journeys.experiments.min-sample:1000}") long minSample,
      @Value("${journeys.experiments.min-run-time:P7D}") Duration minRunTime) {
    this.decisions = decisions;
    this.clock = clock;
    this.confidence = confidence;
    this.verdict =
        new ExperimentVerdict(new SequentialTest(1 - confidence, tau), minSample, minRunTime);
  }

  public Report report(String experiment) {
    var arms = decisions.results(experiment);
    var holdout = decisions.holdout(experiment);
    Instant since = decisions.firstOutcomeAt(experiment).orElse(null);
    Duration ranFor = since == null ? Duration.ZERO : Duration.between(since, clock.instant());
    var lifts =
        arms.stream()
            .map(
                a ->
                    Lift.of(
                        a.variant(),
                        a.converted(),
                        a.enrolled(),
                        holdout.converted(),
                        holdout.enrolled(),
                        confidence))
            .toList();
    return new Report(
        experiment,
        decisions.find(experiment),
        decisions.statistics(experiment),
        since,
        verdict.evaluate(arms, ranFor),
        holdout,
        lifts);
  }

  /** The report as JSON, recorded with an automatic decision. */
  static String json(Report report) {
    try {
      return JSON.writeValueAsString(
          new Object() {
            public final ExperimentVerdict.Verdict rule = report.rule();
            public final ExperimentVerdict.ArmResult holdout = report.holdout();
            public final List<Lift> lifts = report.lifts();
            public final Instant runningSince = report.runningSince();
          });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
