package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArmsTest {

  enum Subject {
    SHORT,
    LONG_AND_FRIENDLY
  }

  @Test
  void namesAnArmAfterItsConstantInLowerCaseWithDashes() {
    assertThat(Arms.nameOf(Subject.LONG_AND_FRIENDLY)).isEqualTo("long-and-friendly");
    assertThat(Arms.of(Subject.class, "long-and-friendly")).isEqualTo(Subject.LONG_AND_FRIENDLY);
  }

  @Test
  void aTypedExperimentHasOneArmPerConstant() {
    var experiment = Experiment.split("subject", Subject.class).weight(Subject.SHORT, 3);

    assertThat(experiment.variants())
        .containsExactly(
            new Experiment.Variant("short", 3), new Experiment.Variant("long-and-friendly", 1));
    Arms.check(experiment, Subject.class);
  }

  @Test
  void refusesAnExperimentWithAnArmTheEnumDoesNotName() {
    var experiment = Experiment.split("subject", "short", "emoji");

    assertThatThrownBy(() -> Arms.check(experiment, Subject.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("emoji");
  }
}
