package dev.journeys.journey.cart;

import static dev.journeys.messaging.Channel.EMAIL;
import static dev.journeys.messaging.Channel.SMS;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;

/** The brief, line by line: see {@link AbandonedCartJourney}. */
public class AbandonedCartJourneyImpl implements AbandonedCartJourney {

  static final Message CART_REMINDER = Message.email("cart-reminder").marketing();
  static final Message LAST_CALL = Message.firstAllowed(SMS, EMAIL).key("cart-last-call");

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
    var cart = enrollment.trigger() == null ? java.util.Map.<String, Object>of()
        : enrollment.trigger().properties();
    return journey.run(
        enrollment,
        () -> {
          journey.step("wait-for-order");
          journey.pause(settings.reminderDelay());

          journey.step("cart-reminder");
          journey.send(CART_REMINDER.with(cart));

          journey.step("wait-after-reminder");
          journey.pause(settings.lastCallDelay());

          journey.step("cart-last-call");
          journey.send(LAST_CALL.with(cart));
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
