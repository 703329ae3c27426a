package dev.journeys.journey.cart;

import static dev.journeys.messaging.Channel.EMAIL;
import static dev.journeys.messaging.Channel.SMS;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Experiment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import io.temporal.workflow.Workflow;
import java.util.Map;

/** The brief, line by line: see {@link AbandonedCartJourney}. */
public class AbandonedCartJourneyImpl implements AbandonedCartJourney {

  /** A/B test of the last call's channel, with the journey's hold-out group. */
  public static final String LAST_CALL_EXPERIMENT = "cart-last-call-channel";

  /**
   * Added while journeys ran: hold-out enrollments started before it wait without recording the
   * messages they are not sent.
   */
  static final String HOLDOUT_IN_LEDGER = "holdout-in-ledger";

  static final Message CART_REMINDER = Message.email("cart-reminder").marketing();
  static final Message LAST_CALL_BY_SMS = Message.firstAllowed(SMS, EMAIL).key("cart-last-call");
  static final Message LAST_CALL_BY_EMAIL = Message.email("cart-last-call");

  private final AbandonedCartSettings settings;
  private final Journey journey = Journey.withGoals(EventTypes.ORDER_PLACED);

  public AbandonedCartJourneyImpl() {
    this(AbandonedCartSettings.DEFAULTS);
  }

  public AbandonedCartJourneyImpl(AbandonedCartSettings settings) {
    this.settings = settings;
  }

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> cart = enrollment.triggerProperties();
    return journey.run(
        enrollment,
        () -> {
          String arm = journey.variant(settings.lastCallExperiment());
          if (arm.equals(Experiment.HOLDOUT)) {
            // no messages: only watch whether they order anyway, to measure the uplift
            journey.step("holdout");
            if (Workflow.getVersion(HOLDOUT_IN_LEDGER, Workflow.DEFAULT_VERSION, 1)
                == Workflow.DEFAULT_VERSION) {
              journey.pause(settings.reminderDelay().plus(settings.lastCallDelay()));
              return;
            }
            // each withheld message lands in the ledger when the others get theirs
            journey.pause(settings.reminderDelay());
            journey.holdBack(CART_REMINDER.with(cart));
            journey.pause(settings.lastCallDelay());
            journey.holdBack(LAST_CALL_BY_SMS.with(cart));
            return;
          }
          journey.step("wait-for-order");
          journey.pause(settings.reminderDelay());

          journey.step("cart-reminder");
          journey.send(CART_REMINDER.with(cart));

          journey.step("wait-after-reminder");
          journey.pause(settings.lastCallDelay());

          journey.step("cart-last-call");
          journey.send((arm.equals("email") ? LAST_CALL_BY_EMAIL : LAST_CALL_BY_SMS).with(cart));
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
