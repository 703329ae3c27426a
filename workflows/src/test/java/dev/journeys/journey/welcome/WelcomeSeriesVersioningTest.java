package dev.journeys.journey.welcome;

import static dev.journeys.journey.JourneyTestEnvironment.event;
import static dev.journeys.journey.JourneyTestEnvironment.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.catalog.JourneyCatalog;
import dev.journeys.customer.CustomerProfile;
import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.JourneyTestEnvironment;
import io.temporal.testing.WorkflowReplayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The documented example of changing a live journey: the welcome series' tips now wait for the
 * customer's send window, guarded by {@code Workflow.getVersion}. A history recorded before the
 * change still replays; the same change without the guard would not.
 */
class WelcomeSeriesVersioningTest {

  private static final Path BEFORE_THE_CHANGE =
      Path.of("src/test/resources/histories/welcome-series-v0.json");

  @Test
  void enrollmentsStartedBeforeTheChangeReplayUnchanged() throws Exception {
    WorkflowReplayer.replayWorkflowExecution(
        Files.readString(BEFORE_THE_CHANGE), WelcomeSeriesJourneyImpl.class);
  }

  @Test
  void theSameChangeWithoutGetVersionWouldBreakThem() {
    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    Files.readString(BEFORE_THE_CHANGE), UnguardedWelcomeSeries.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  @Test
  void newEnrollmentsSendTheTipsWhenTheCustomersSendWindowOpens() {
    try (var test = new JourneyTestEnvironment(Instant.parse("2026-11-23T10:00:00Z"))) {
      test.profiles.put("la-1", new CustomerProfile("la-1", "America/Los_Angeles", null, Map.of()));
      test.worker.registerWorkflowImplementationTypes(WelcomeSeriesJourneyImpl.class);
      test.start();
      var journey =
          test.enrol(
              WelcomeSeriesJourney.class,
              JourneyCatalog.WELCOME_SERIES,
              event("e-signup", "la-1", EventTypes.CUSTOMER_SIGNED_UP, Map.of()));

      assertThat(result(journey)).isEqualTo(JourneyOutcome.COMPLETED);
      // two days later it is 02:00 in Los Angeles; the window opens at 09:00 PST = 17:00 UTC
      assertThat(test.sent.get(1).request().messageKey()).isEqualTo("welcome-tips");
      assertThat(test.sent.get(1).at())
          .isBetween(Instant.parse("2026-11-25T17:00:00Z"), Instant.parse("2026-11-25T17:00:05Z"));
    }
  }

  /** The change as a careless author would ship it: no version guard. */
  public static class UnguardedWelcomeSeries implements WelcomeSeriesJourney {
    private final Journey journey = Journey.create().exitOn(EventTypes.UNSUBSCRIBED);

    @Override
    public JourneyOutcome run(Enrollment enrollment) {
      return journey.run(
          enrollment,
          () -> {
            journey.step("welcome");
            journey.send(WelcomeSeriesJourneyImpl.WELCOME);
            journey.step("wait-for-tips");
            journey.pause(WelcomeSeriesJourneyImpl.TIPS_AFTER);
            journey.step("tips");
            journey.pauseUntilSendWindow();
            journey.send(WelcomeSeriesJourneyImpl.TIPS);
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
