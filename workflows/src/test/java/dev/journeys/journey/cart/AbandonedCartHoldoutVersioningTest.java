package dev.journeys.journey.cart;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Experiment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.JourneyTestEnvironment;
import dev.journeys.messaging.SendOutcome;
import dev.journeys.messaging.SendRequest;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hold-out group's withheld messages now land in the ledger: a change to a running journey,
 * guarded by {@code Workflow.getVersion}. A hold-out enrollment recorded before the change still
 * replays; the same change without the guard would not.
 */
class AbandonedCartHoldoutVersioningTest {

  private static final Path BEFORE_THE_CHANGE =
      Path.of("src/test/resources/histories/abandoned-cart-holdout-v0.json");

  @Test
  void holdOutEnrollmentsStartedBeforeTheChangeReplayUnchanged() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        Files.readString(BEFORE_THE_CHANGE), HeldOutAbandonedCart.class);
  }

  @Test
  void theSameChangeWithoutGetVersionWouldBreakThem() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    Files.readString(BEFORE_THE_CHANGE), UnguardedHeldOutCart.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void newHoldOutEnrollmentsAskTheSendActivityToRecordWhatTheyWithhold() {
    try (var test = new JourneyTestEnvironment()) {
      test.worker.registerWorkflowImplementationTypes(HeldOutAbandonedCart.class);
      test.start();
      var journey =
          test.enrol(
              AbandonedCartJourney.class,
              JourneyCatalog.ABANDONED_CART,
              event("e-cart", "c-9", EventTypes.CART_ABANDONED, Map.of("cartTotal", "12.00")));

      assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
      assertThat(test.sent)
          .extracting(s -> s.request())
          .extracting(SendRequest::messageKey, SendRequest::holdout)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("cart-reminder", true),
              org.assertj.core.groups.Tuple.tuple("cart-last-call", true));
      assertThat(journey.state().messages())
          .extracting(JourneyState.MessageRecord::outcome)
          .containsOnly(new SendOutcome.Suppressed("holdout"));
    }
  }

  /** The hold-out written out by hand, as a careless author would ship it: no version guard. */
  public static class UnguardedHeldOutCart implements AbandonedCartJourney {
    private final Journey journey = Journey.withGoals(EventTypes.ORDER_PLACED);

    @Override
    public JourneyOutcome run(Enrollment enrollment) {
      var settings = HeldOutAbandonedCart.EVERYONE_HELD_OUT;
      return journey.run(
          enrollment,
          () -> {
            if (journey.inHoldout(settings.lastCallExperiment())) {
              journey.step(Experiment.HOLDOUT);
              journey.pause(settings.reminderDelay());
              journey.holdBack(AbandonedCartJourneyImpl.CART_REMINDER);
              journey.pause(settings.lastCallDelay());
              journey.holdBack(LastCallChannel.SMS.lastCall);
            }
          });
    }

    @Override
    public void onEvent(CustomerEvent event) {
      journey.receive(event);
    }

    @Override
    public JourneyState state() {
      return journey.state();
    }
  }
}
