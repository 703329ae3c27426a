package dev.journeys.journey.welcome;

import static dev.journeys.event.EventTypes.ORDER_PLACED;
import static dev.journeys.event.EventTypes.UNSUBSCRIBED;

import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The brief, line by line: see {@link WelcomeSeriesJourney}. */
public class WelcomeSeriesJourneyImpl implements WelcomeSeriesJourney {

  static final Duration TIPS_AFTER = Duration.ofDays(2);
  static final Duration NUDGE_AFTER_TIPS = Duration.ofDays(3);

  /**
   * Version 1 waits for the customer's send window before the tips, so they no longer arrive at
   * night. Enrollments that were already running when it shipped replay as before (version
   * DEFAULT); see workflows/README.md and {@code WelcomeSeriesVersioningTest}.
   */
  static final String TIPS_IN_SEND_WINDOW = "tips-in-send-window";

  static final Message WELCOME = Message.email("welcome");
  static final Message TIPS = Message.email("welcome-tips");
  static final Message FIRST_PURCHASE_NUDGE = Message.email("first-purchase-nudge");

  private final Journey journey = Journey.create().exitOn(UNSUBSCRIBED);

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    return journey.run(
        enrollment,
        () -> {
          journey.send(WELCOME);
          journey.pause("wait-for-tips", TIPS_AFTER);

          journey.step("tips");
          if (Workflow.getVersion(TIPS_IN_SEND_WINDOW, Workflow.DEFAULT_VERSION, 1) >= 1) {
            journey.pauseUntilSendWindow();
          }
          journey.send("tips", TIPS);

          // any order since sign-up counts, even one before the tips went out
          var order =
              journey.step("wait-for-first-purchase").waitFor(ORDER_PLACED, NUDGE_AFTER_TIPS);
          if (order.isPresent()) {
            journey.endAs(JourneyOutcome.CONVERTED);
          }
          journey.send(FIRST_PURCHASE_NUDGE);
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
