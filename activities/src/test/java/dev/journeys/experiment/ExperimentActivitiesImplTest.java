package dev.journeys.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.JourneyOutcome;
import dev.journeys.testsupport.JourneyStoreTestApp;
import dev.journeys.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Outcomes per arm and the automatic decision, on real PostgreSQL. */
@SpringBootTest(
    classes = JourneyStoreTestApp.class,
    properties = {
      "journeys.experiments.min-sample=20",
      "journeys.experiments.confidence=0.95",
      // an effect scale for the tiny samples of the test (a real one has thousands per arm)
      "journeys.experiments.tau=0.3",
      "journeys.experiments.min-run-time=PT0S"
    })
class ExperimentActivitiesImplTest {

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @Autowired ExperimentActivities experiments;
  @Autowired ExperimentDecisions decisions;

  @Test
  void decidesAutomaticallyOnceAVariantWinsAtTheConfiguredConfidenceAndSample() {
    for (int i = 0; i < 20; i++) {
      record(
          "subject",
          "short",
          "s-" + i,
          i < 14 ? JourneyOutcome.CONVERTED : JourneyOutcome.COMPLETED);
      assertThat(experiments.decision("subject").isDecided()).isFalse();
    }
    for (int i = 0; i < 19; i++) {
      record(
          "subject", "long", "l-" + i, i < 3 ? JourneyOutcome.CONVERTED : JourneyOutcome.COMPLETED);
    }
    record("subject", "holdout", "h-1", JourneyOutcome.COMPLETED);
    assertThat(experiments.decision("subject").isDecided()).isFalse();

    record("subject", "long", "l-19", JourneyOutcome.COMPLETED);

    var decision = experiments.decision("subject");
    assertThat(decision.winner()).isEqualTo("short");
    assertThat(decision.decidedBy()).isEqualTo("auto");
    assertThat(decision.reason()).contains("short 14/20").contains("long 3/20").contains("mSPRT");
    assertThat(decisions.statistics("subject"))
        .hasValueSatisfying(
            json -> assertThat(json).contains("\"likelihoodRatio\"").contains("\"lifts\""));
  }

  @Test
  void countsAnEnrollmentOnceAndNeverOverridesAPersonsDecision() {
    record("banner", "a", "e-1", JourneyOutcome.CONVERTED);
    record("banner", "a", "e-1", JourneyOutcome.CONVERTED);
    assertThat(decisions.results("banner"))
        .containsExactly(new ExperimentVerdict.ArmResult("a", 1, 1));

    decisions.decide("banner", "b", "api", "brand guidelines");
    for (int i = 0; i < 25; i++) {
      record("banner", "a", "a-" + i, JourneyOutcome.CONVERTED);
      record("banner", "b", "b-" + i, JourneyOutcome.COMPLETED);
    }
    assertThat(experiments.decision("banner").winner()).isEqualTo("b");
  }

  private void record(
      String experiment, String variant, String enrollment, JourneyOutcome outcome) {
    experiments.recordOutcome(new ExperimentOutcome(experiment, variant, enrollment, outcome));
  }
}
