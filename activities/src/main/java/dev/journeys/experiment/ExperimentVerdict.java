package dev.journeys.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides an experiment from its numbers, re-read after every outcome. Because it looks again and
 * again, it uses a test that stays valid under repeated looks ({@link SequentialTest}, the mSPRT):
 * a z-test re-run after every outcome declares a winner between two identical arms far more often
 * than its confidence says (see {@code ExperimentVerdictTest}).
 *
 * <p>The arm with the best conversion rate wins when every arm has at least {@code minSample} ended
 * enrollments, the experiment has run for {@code minRunTime} (a week covers weekday effects), and
 * the best beats each other arm in the sequential test at {@code alpha} divided by the number of
 * pairs of arms (Bonferroni: with three or more arms, the best of them is picked after looking).
 * The hold-out never wins: it measures the journey, not an arm.
 */
public record ExperimentVerdict(SequentialTest test, long minSample, Duration minRunTime) {

  /** The name of the rule, recorded with each automatic decision. */
  public static final String RULE = "mSPRT";

  /** Enrollments and conversions of one arm. */
  public record ArmResult(String variant, long enrolled, long converted) {
    double rate() {
      return enrolled == 0 ? 0 : (double) converted / enrolled;
    }
  }

  /**
   * The best arm against another at this look.
   *
   * @param likelihoodRatio the mSPRT's Λ; significant once at least {@code threshold}
   * @param pValue always-valid p-value at this look, 1/Λ capped at 1
   */
  public record Comparison(
      String best,
      String other,
      double likelihoodRatio,
      double threshold,
      double pValue,
      boolean significant) {}

  /**
   * What the rule says now, and why.
   *
   * @param winner empty while the numbers (or the calendar) do not decide it
   * @param waitingFor what is still missing, e.g. {@code minimum sample}; null once decided
   */
  public record Verdict(
      Optional<String> winner,
      String rule,
      double alpha,
      double tau,
      long minSample,
      Duration minRunTime,
      Duration ranFor,
      List<ArmResult> arms,
      List<Comparison> comparisons,
      String waitingFor) {}

  public ExperimentVerdict {
    if (minSample < 1) {
      throw new IllegalArgumentException("minSample must be positive");
    }
    if (minRunTime.isNegative()) {
      throw new IllegalArgumentException("minRunTime must not be negative");
    }
  }

  /** The winner, or empty while the numbers do not decide it. */
  public Optional<String> winner(List<ArmResult> arms, Duration ranFor) {
    return evaluate(arms, ranFor).winner();
  }

  /** The rule applied to the arms' numbers (hold-out excluded) after the experiment ran so long. */
  public Verdict evaluate(List<ArmResult> arms, Duration ranFor) {
    if (arms.size() < 2) {
      return verdict(null, arms, List.of(), ranFor, "a second arm");
    }
    ArmResult best = arms.stream().max(Comparator.comparingDouble(ArmResult::rate)).orElseThrow();
    int pairs = arms.size() * (arms.size() - 1) / 2;
    var perComparison = new SequentialTest(test.alpha() / pairs, test.tau());
    var comparisons = new ArrayList<Comparison>();
    boolean beatsAll = true;
    for (ArmResult other : arms) {
      if (other == best) {
        continue;
      }
      double lr =
          perComparison.likelihoodRatio(
              best.converted(), best.enrolled(), other.converted(), other.enrolled());
      boolean significant = lr >= 1 / perComparison.alpha() && best.rate() > other.rate();
      beatsAll &= significant;
      comparisons.add(
          new Comparison(
              best.variant(),
              other.variant(),
              lr,
              1 / perComparison.alpha(),
              Math.min(1, 1 / lr),
              significant));
    }
    String waitingFor;
    if (arms.stream().anyMatch(a -> a.enrolled() < minSample)) {
      waitingFor = "the minimum sample of " + minSample + " per arm";
    } else if (ranFor.compareTo(minRunTime) < 0) {
      waitingFor = "the minimum run time of " + minRunTime;
    } else if (!beatsAll) {
      waitingFor = "a significant difference";
    } else {
      waitingFor = null;
    }
    return verdict(
        waitingFor == null ? best.variant() : null, arms, comparisons, ranFor, waitingFor);
  }

  private Verdict verdict(
      String winner,
      List<ArmResult> arms,
      List<Comparison> comparisons,
      Duration ranFor,
      String waitingFor) {
    return new Verdict(
        Optional.ofNullable(winner),
        RULE,
        test.alpha(),
        test.tau(),
        minSample,
        minRunTime,
        ranFor,
        List.copyOf(arms),
        List.copyOf(comparisons),
        waitingFor);
  }
}
