package dev.journeys.journey.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.journey.replay.RecordedHistories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changing the experiment's configuration re-assigns only new enrollments: a running enrollment's
 * arm is recorded in its history, so its replay under other weights or another hold-out share takes
 * the path it took (before arms were recorded, it recomputed the arm and failed here).
 */
class AbandonedCartArmReplayTest {

  private static final Path RECORDED =
      Path.of("src/test/resources/histories", Histories.ARM_RECORDED + ".json");

  @ParameterizedTest(name = "sms {0}, email {1}, hold-out {2}%")
  @ValueSource(strings = {"1,1,0", "1,0,0", "0,1,0", "1,1,100", "3,1,50"})
  void replaysUnderChangedWeightsAndHoldOut(String weights) throws Exception {
    String[] w = weights.split(",");
    var changed =
        new AbandonedCartSettings(
            Duration.ofHours(1),
            Duration.ofHours(23),
            Integer.parseInt(w[0]),
            Integer.parseInt(w[1]),
            Integer.parseInt(w[2]));

    RecordedHistories.replay(
        Files.readString(RECORDED),
        worker ->
            worker.registerWorkflowImplementationFactory(
                AbandonedCartJourney.class, () -> new AbandonedCartJourneyImpl(changed)));
  }

  @Test
  void theHistoryRecordsTheArmAsASideEffectMarker() throws Exception {
    assertThat(Files.readString(RECORDED)).contains("\"markerName\": \"SideEffect\"");
  }
}
