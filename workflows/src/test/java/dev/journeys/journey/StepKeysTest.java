package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StepKeysTest {

  private final StepKeys keys = new StepKeys(() -> "wf/run-1");

  @Test
  void numbersTheRepeatsOfAStepFromTheSecond() {
    assertThat(keys.next("tick")).isEqualTo("wf/run-1/tick");
    assertThat(keys.next("tick")).isEqualTo("wf/run-1/tick#2");
    assertThat(keys.next("other")).isEqualTo("wf/run-1/other");
    assertThat(keys.next("tick")).isEqualTo("wf/run-1/tick#3");
  }

  @Test
  void countsHandoffsApartFromTheSendsOfTheirStep() {
    assertThat(keys.next("triage")).isEqualTo("wf/run-1/triage");
    assertThat(keys.next("handoff:triage", "triage")).isEqualTo("wf/run-1/triage");
    assertThat(keys.next("handoff:triage", "triage")).isEqualTo("wf/run-1/triage#2");
  }

  @Test
  void continuesTheCountAfterACarryOver() {
    keys.next("tick");
    var next = new StepKeys(() -> "wf/run-1");
    next.restore(Map.copyOf(keys.iterations()));

    assertThat(next.next("tick")).isEqualTo("wf/run-1/tick#2");
  }
}
