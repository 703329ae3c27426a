package dev.journeys.experiment;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides an experiment from its numbers: the arm with the best conversion rate wins when every arm
 * has at least {@code minSample} enrollments and the winner beats each other arm with at least
 * {@code confidence} (one-sided two-proportion z-test, pooled variance).
 */
public record ExperimentVerdict(double confidence, long minSample) {

  /** Enrollments and conversions of one arm. */
  public record ArmResult(String variant, long enrolled, long converted) {
    double rate() {
      return enrolled == 0 ? 0 : (double) converted / enrolled;
    }
  }

  public ExperimentVerdict {
    if (confidence <= 0.5 || confidence >= 1) {
      throw new IllegalArgumentException("confidence must be between 0.5 and 1, was " + confidence);
    }
    if (minSample < 1) {
      throw new IllegalArgumentException("minSample must be positive");
    }
  }

  /** The winner and why, or empty while the numbers do not decide it. */
  public Optional<String> winner(List<ArmResult> arms) {
    if (arms.size() < 2 || arms.stream().anyMatch(a -> a.enrolled() < minSample)) {
      return Optional.empty();
    }
    ArmResult best = arms.stream().max(Comparator.comparingDouble(ArmResult::rate)).orElseThrow();
    for (ArmResult other : arms) {
      if (other != best && confidenceThatBetter(best, other) < confidence) {
        return Optional.empty();
      }
    }
    return Optional.of(best.variant());
  }

  /** P(best's true rate > other's) under the normal approximation. */
  static double confidenceThatBetter(ArmResult best, ArmResult other) {
    double pooled =
        (double) (best.converted() + other.converted()) / (best.enrolled() + other.enrolled());
    double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / best.enrolled() + 1.0 / other.enrolled()));
    if (se == 0) {
      return best.rate() > other.rate() ? 1 : 0.5;
    }
    return normalCdf((best.rate() - other.rate()) / se);
  }

  private static double normalCdf(double z) {
    return 0.5 * (1 + erf(z / Math.sqrt(2)));
  }

  /** Abramowitz and Stegun 7.1.26; accurate to 1.5e-7, plenty for a decision rule. */
  private static double erf(double x) {
    double t = 1 / (1 + 0.3275911 * Math.abs(x));
    double y =
        1
            - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                    + 0.254829592)
                * t
                * Math.exp(-x * x);
    return x >= 0 ? y : -y;
  }
}
