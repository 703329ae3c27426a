package dev.journeys.journey.delivery;

import static dev.journeys.messaging.Channel.EMAIL;
import static dev.journeys.messaging.Channel.SMS;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.EventTypes;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Handoff;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import java.time.Duration;
import java.util.Map;

/** The brief, line by line: see {@link DeliveryDelayedJourney}. */
public class DeliveryDelayedJourneyImpl implements DeliveryDelayedJourney {

  static final Duration WATCH_FOR_TICKET = Duration.ofDays(7);
  static final Duration WAIT_FOR_RESOLUTION = Duration.ofDays(7);

  static final Message DELAY_NOTICE =
      Message.firstAllowed(EMAIL, SMS).key("delivery-delayed").transactional();

  private final Journey journey = Journey.create().exitOn(EventTypes.ORDER_DELIVERED);

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> delay = enrollment.triggerProperties();
    return journey.run(
        enrollment,
        () -> {
          journey.sendPreferred("delay-notice", DELAY_NOTICE.with(delay));

          journey.step("watch-for-ticket");
          if (journey.waitFor(EventTypes.TICKET_OPENED, WATCH_FOR_TICKET).isEmpty()) {
            return;
          }

          var ticket =
              journey.handOff(
                  "human-handoff",
                  Handoff.to(
                          "Delayed delivery: the customer asked about order "
                              + delay.getOrDefault("orderId", "?"))
                      .high()
                      .because("delivery delayed"));

          journey.step("wait-for-resolution").awaitResolution(ticket, WAIT_FOR_RESOLUTION);
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
