package dev.journeys.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.journeys.experiment.ExperimentVerdict.ArmResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExperimentVerdictTest {

  private static final Duration WEEK = Duration.ofDays(7);

  private final ExperimentVerdict verdict =
      new ExperimentVerdict(new SequentialTest(0.05, 0.02), 1000, WEEK);

  @Test
  void aClearlyBetterArmWinsOnceEveryArmHasTheMinimumSampleAndTheWeekIsOver() {
    var arms = List.of(new ArmResult("sms", 2000, 300), new ArmResult("email", 2000, 200));

    assertThat(verdict.winner(arms, WEEK)).contains("sms");
    assertThat(verdict.winner(arms, WEEK.minusHours(1))).isEmpty();
    assertThat(verdict.evaluate(arms, WEEK.minusHours(1)).waitingFor())
        .contains("minimum run time");
  }

  @Test
  void noWinnerBeforeTheMinimumSampleHoweverGoodTheNumbers() {
    var arms = List.of(new ArmResult("sms", 999, 500), new ArmResult("email", 1000, 10));

    assertThat(verdict.winner(arms, WEEK.multipliedBy(4))).isEmpty();
    assertThat(verdict.evaluate(arms, WEEK).waitingFor()).contains("minimum sample");
  }

  @Test
  void noWinnerWhenTheDifferenceIsWithinChance() {
    assertThat(
            verdict.winner(
                List.of(new ArmResult("sms", 1000, 105), new ArmResult("email", 1000, 100)), WEEK))
        .isEmpty();
  }

  @Test
  void theWinnerMustBeatEveryOtherArm() {
    assertThat(
            verdict.winner(
                List.of(
                    new ArmResult("a", 2000, 300),
                    new ArmResult("b", 2000, 295),
                    new ArmResult("c", 2000, 100)),
                WEEK))
        .isEmpty();
  }

  @Test
  void aDifferenceTheFixedHorizonZTestCallsSignificantIsNotEnoughForTheSequentialTest() {
    // 12% vs 10% on 2000 each: z = 2.01, one-sided confidence 0.978, yet Λ = 2.29 < 1/0.05
    var arms = List.of(new ArmResult("a", 2000, 240), new ArmResult("b", 2000, 200));
    assertThat(OldVerdict.confidenceThatBetter(arms.get(0), arms.get(1))).isBetween(0.975, 0.981);

    var rule = verdict.evaluate(arms, WEEK);
    assertThat(rule.winner()).isEmpty();
    assertThat(rule.comparisons().getFirst().likelihoodRatio()).isCloseTo(2.2924, within(1e-3));
    assertThat(rule.comparisons().getFirst().pValue()).isCloseTo(1 / 2.2924, within(1e-3));
  }

  @Test
  void theLikelihoodRatioHasTheClosedFormOfTheNormalMixture() {
    var test = new SequentialTest(0.05, 0.02);
    // values computed independently from Λ = sqrt(V/(V+τ²)) exp(τ²θ²/(2V(V+τ²)))
    assertThat(test.likelihoodRatio(240, 2000, 200, 2000)).isCloseTo(2.29237, within(1e-4));
    assertThat(test.likelihoodRatio(150, 1000, 100, 1000)).isCloseTo(24.5594, within(1e-3));
    assertThat(test.likelihoodRatio(300, 2000, 200, 2000)).isCloseTo(3888.57, within(0.5));
    assertThat(test.rejects(150, 1000, 100, 1000)).isTrue();
    assertThat(test.rejects(240, 2000, 200, 2000)).isFalse();
    assertThat(test.likelihoodRatio(0, 0, 0, 10)).isEqualTo(1);
  }

  @Test
  void liftOverTheHoldoutHasAWaldIntervalAtTheConfidence() {
    var lift = Lift.of("sms", 120, 1000, 100, 1000, 0.95);

    assertThat(lift.absolute()).isCloseTo(0.02, within(1e-12));
    assertThat(lift.low()).isCloseTo(-0.0074115, within(1e-6));
    assertThat(lift.high()).isCloseTo(0.0474115, within(1e-6));
    assertThat(lift.relative()).isCloseTo(0.2, within(1e-12));
    assertThat(Normal.quantile(0.975)).isCloseTo(1.959964, within(1e-6));
    assertThat(Normal.quantile(0.05)).isCloseTo(-1.644854, within(1e-6));
    assertThat(Lift.of("sms", 1, 10, 0, 0, 0.95).absolute()).isNull();
  }

  /**
   * Two identical arms (10% each), the numbers looked at after every 20 outcomes per arm up to
   * 2000, as the automatic decision does after every outcome. The old rule (a one-sided z-test at
   * 95% with a minimum sample of 100) declares a winner in far more than 5% of such experiments;
   * the sequential test stays within its alpha of 5%.
   */
  @Test
  void underRepeatedLooksOnlyTheSequentialTestKeepsItsFalsePositiveRate() {
    int experiments = 1000;
    var random = new SplittableRandom(20261123);
    var sequential = new ExperimentVerdict(new SequentialTest(0.05, 0.02), 100, Duration.ZERO);
    var old = new OldVerdict(0.95, 100);
    int oldFalsePositives = 0;
    int newFalsePositives = 0;
    for (int e = 0; e < experiments; e++) {
      long a = 0;
      long b = 0;
      boolean oldDecided = false;
      boolean newDecided = false;
      for (int n = 1; n <= 2000; n++) {
        a += random.nextDouble() < 0.10 ? 1 : 0;
        b += random.nextDouble() < 0.10 ? 1 : 0;
        if (n % 20 == 0) {
          var arms = List.of(new ArmResult("a", n, a), new ArmResult("b", n, b));
          oldDecided |= old.winner(arms).isPresent();
          newDecided |= sequential.winner(arms, Duration.ZERO).isPresent();
        }
      }
      oldFalsePositives += oldDecided ? 1 : 0;
      newFalsePositives += newDecided ? 1 : 0;
    }
    double oldRate = (double) oldFalsePositives / experiments;
    double newRate = (double) newFalsePositives / experiments;
    System.out.printf(
        "false-positive rate under 100 looks: z-test %.3f, mSPRT %.3f%n", oldRate, newRate);
    assertThat(oldRate).isGreaterThan(0.10);
    assertThat(newRate).isLessThanOrEqualTo(0.05);
  }

  /** The rule this replaced: a one-sided pooled two-proportion z-test, re-run at every look. */
  record OldVerdict(double confidence, long minSample) {
    Optional<String> winner(List<ArmResult> arms) {
      if (arms.size() < 2 || arms.stream().anyMatch(a -> a.enrolled() < minSample)) {
        return Optional.empty();
      }
      ArmResult best =
          arms.stream().max(java.util.Comparator.comparingDouble(ArmResult::rate)).orElseThrow();
      for (ArmResult other : arms) {
        if (other != best && confidenceThatBetter(best, other) < confidence) {
          return Optional.empty();
        }
      }
      return Optional.of(best.variant());
    }

    static double confidenceThatBetter(ArmResult best, ArmResult other) {
      double pooled =
          (double) (best.converted() + other.converted()) / (best.enrolled() + other.enrolled());
      double se =
          Math.sqrt(pooled * (1 - pooled) * (1.0 / best.enrolled() + 1.0 / other.enrolled()));
      if (se == 0) {
        return best.rate() > other.rate() ? 1 : 0.5;
      }
      return Normal.cdf((best.rate() - other.rate()) / se);
    }
  }
}
