package dev.journeys.journey.winback;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import io.temporal.workflow.Workflow;

/** The brief, line by line: see {@link WinBackJourney}. */
public class WinBackJourneyImpl implements WinBackJourney {

  /**
   * Version 1: once the messages start, a purchase is a goal, so one made while a message is
   * deferred (quiet hours) or throttled ends the journey before that message goes out; version 0
   * only looked for it after each send, and sent the deferred message anyway.
   */
  static final String PURCHASE_STOPS_SEQUENCE = "win-back-purchase-stops-sequence";

  private final WinBackSettings settings;
  private final Journey journey;

  public WinBackJourneyImpl() {
    this(WinBackSettings.DEFAULTS);
  }

  public WinBackJourneyImpl(WinBackSettings settings) {
    this.settings = settings;
    // a purchase is not a goal while watching (it only restarts the clock), so none is declared
    this.journey =
        Journey.create()
            .exitOn(EventTypes.UNSUBSCRIBED)
            .continueAsNewAfter(settings.continueAsNewAfter());
  }

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    return journey.run(
        enrollment,
        () -> {
          journey.step("watching");
          while (journey.awaitNext(EventTypes.ORDER_PLACED, settings.lapse()).isPresent()) {
            if (journey.historyIsLong()) {
              journey.continueAsNew();
            }
          }

          if (Workflow.getVersion(PURCHASE_STOPS_SEQUENCE, Workflow.DEFAULT_VERSION, 1) >= 1) {
            journey.convertOn(EventTypes.ORDER_PLACED);
          }
          for (String key : settings.messages()) {
            // named even when the key repeats the last one: recorded histories have each step
            journey.step(key);
            journey.send(Message.email(key));
            if (journey.awaitNext(EventTypes.ORDER_PLACED, settings.gap()).isPresent()) {
              journey.endAs(JourneyOutcome.CONVERTED);
            }
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
