package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExperimentTest {

  @Test
  void assignsACustomerToTheSameArmEveryTime() {
    var experiment = Experiment.split("subject", "a", "b", "c").withHoldout(10);

    for (int i = 0; i < 100; i++) {
      assertThat(experiment.assign("c-" + i)).isEqualTo(experiment.assign("c-" + i));
    }
  }

  @Test
  void splitsByWeightAndHoldsOutTheConfiguredShare() {
    var experiment = Experiment.split("channel", "sms", "email").weight("sms", 3).withHoldout(10);
    Map<String, Integer> counts = new HashMap<>();

    IntStream.range(0, 20_000)
        .forEach(i -> counts.merge(experiment.assign("customer-" + i), 1, Integer::sum));

    assertThat(counts.get(Experiment.HOLDOUT)).isBetween(1_700, 2_300);
    assertThat(counts.get("sms")).isBetween(12_800, 14_200);
    assertThat(counts.get("email")).isBetween(4_100, 4_900);
  }

  @Test
  void twoEvenSplitsOver20000CustomersAreBalancedAndIndependent() {
    var subject = Experiment.split("subject-line", "a", "b");
    var channel = Experiment.split("last-call", "a", "b");
    Map<String, Integer> cells = new HashMap<>();

    IntStream.range(0, 20_000)
        .mapToObj(i -> "customer-" + i)
        .forEach(id -> cells.merge(subject.assign(id) + channel.assign(id), 1, Integer::sum));

    // each of the four combinations about a quarter (5,000; 4 sigma is about 245), so an arm in
    // one experiment says nothing about the arm in the other
    assertThat(cells).containsOnlyKeys("aa", "ab", "ba", "bb");
    assertThat(cells.values()).allSatisfy(n -> assertThat(n).isBetween(4_750, 5_250));
    int subjectA = cells.get("aa") + cells.get("ab");
    assertThat(subjectA).isBetween(9_700, 10_300);
  }

  @Test
  void aZeroWeightArmGetsNobody() {
    var experiment = Experiment.split("channel", "sms", "email").weight("email", 0);

    assertThat(IntStream.range(0, 1000).mapToObj(i -> experiment.assign("c" + i)))
        .containsOnly("sms");
  }

  @Test
  void rejectsExperimentsThatCannotAssignAnyone() {
    assertThatThrownBy(() -> Experiment.split("x", "a").weight("a", 0))
        .hasMessageContaining("no variant with weight");
    assertThatThrownBy(() -> Experiment.split("x", "holdout")).hasMessageContaining("reserved");
    assertThatThrownBy(() -> Experiment.split("x", "a").withHoldout(101))
        .hasMessageContaining("0-100");
  }
}
