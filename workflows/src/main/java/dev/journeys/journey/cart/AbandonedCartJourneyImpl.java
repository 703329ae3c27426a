package dev.journeys.journey.cart;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import io.temporal.workflow.Workflow;
import java.util.Map;

/** The brief, line by line: see {@link AbandonedCartJourney}. */
public class AbandonedCartJourneyImpl implements AbandonedCartJourney {

  /** A/B test of the last call's channel ({@link LastCallChannel}), with a hold-out group. */
  public static final String LAST_CALL_EXPERIMENT = "cart-last-call-channel";

  static final Message CART_REMINDER = Message.email("cart-reminder").marketing();

  /**
   * Version 1: each message shows the newest cart, one abandoned while the journey ran (re-entry
   * {@code update}) included; version 0 showed the cart that started it.
   */
  static final String NEWEST_CART = "cart-newest-cart";

  private final AbandonedCartSettings settings;
  private final Journey journey = Journey.withGoals(EventTypes.ORDER_PLACED);

  public AbandonedCartJourneyImpl() {
    this(AbandonedCartSettings.DEFAULTS);
  }

  public AbandonedCartJourneyImpl(AbandonedCartSettings settings) {
    this.settings = settings;
    journey.attributionWindow(settings.attributionWindow());
  }

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> cart = enrollment.triggerProperties();
    return journey.run(
        enrollment,
        () -> {
          var channel = journey.arm(settings.lastCallExperiment(), LastCallChannel.class);
          journey.pause("wait-for-order", settings.reminderDelay());
          journey.sendOrHoldBack(CART_REMINDER.with(newest(cart)));
          journey.pause("wait-after-reminder", settings.lastCallDelay());
          journey.sendOrHoldBack(channel.lastCall.with(newest(cart)));
        });
  }

  /** The newest abandoned cart's properties (version 1), else those of the first. */
  private Map<String, Object> newest(Map<String, Object> first) {
    if (Workflow.getVersion(NEWEST_CART, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
      return first;
    }
    return journey.latest(EventTypes.CART_ABANDONED).map(CustomerEvent::properties).orElse(first);
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
