package dev.journeys.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.experiment.ExperimentVerdict.ArmResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentVerdictTest {

  private final ExperimentVerdict verdict = new ExperimentVerdict(0.95, 1000);

  @Test
  void aClearlyBetterArmWinsOnceEveryArmHasTheMinimumSample() {
    assertThat(
            verdict.winner(
                List.of(new ArmResult("sms", 1000, 150), new ArmResult("email", 1000, 100))))
        .contains("sms");
  }

  @Test
  void noWinnerBeforeTheMinimumSampleHoweverGoodTheNumbers() {
    assertThat(
            verdict.winner(
                List.of(new ArmResult("sms", 999, 500), new ArmResult("email", 1000, 10))))
        .isEmpty();
  }

  @Test
  void noWinnerWhenTheDifferenceIsWithinChance() {
    assertThat(
            verdict.winner(
                List.of(new ArmResult("sms", 1000, 105), new ArmResult("email", 1000, 100))))
        .isEmpty();
  }

  @Test
  void theWinnerMustBeatEveryOtherArm() {
    assertThat(
            verdict.winner(
                List.of(
                    new ArmResult("a", 2000, 300),
                    new ArmResult("b", 2000, 295),
                    new ArmResult("c", 2000, 100))))
        .isEmpty();
  }

  @Test
  void confidenceFollowsTheTwoProportionZTest() {
    // 12% vs 10% on 2000 each: z = 2.01, one-sided confidence 0.978
    assertThat(
            ExperimentVerdict.confidenceThatBetter(
                new ArmResult("a", 2000, 240), new ArmResult("b", 2000, 200)))
        .isBetween(0.975, 0.981);
  }
}
