package dev.journeys.experiment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * An experiment's decision, if it has one: {@code winner} is null while the experiment still
 * splits.
 *
 * @param decidedBy who decided: {@code api} (a person) or {@code auto} (the confidence rule)
 */
public record ExperimentDecision(
    String experiment, String winner, String decidedBy, String reason, Instant decidedAt) {

  public static ExperimentDecision undecided(String experiment) {
    return new ExperimentDecision(experiment, null, null, null, null);
  }

  @JsonIgnore
  public boolean isDecided() {
    return winner != null;
  }
}
