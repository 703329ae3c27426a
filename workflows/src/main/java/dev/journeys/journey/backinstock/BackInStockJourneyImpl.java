package dev.journeys.journey.backinstock;

import static dev.journeys.messaging.Channel.EMAIL;
import static dev.journeys.messaging.Channel.SMS;

import dev.journeys.event.CustomerEvent;
import dev.journeys.journey.Enrollment;
import dev.journeys.journey.Journey;
import dev.journeys.journey.JourneyOutcome;
import dev.journeys.journey.JourneyState;
import dev.journeys.journey.Message;
import dev.journeys.messaging.Topic;
import java.util.Map;

/** The brief, line by line: see {@link BackInStockJourney}. */
public class BackInStockJourneyImpl implements BackInStockJourney {

  static final Message BACK_IN_STOCK =
      Message.firstAllowed(EMAIL, SMS).key("back-in-stock").about(Topic.BACK_IN_STOCK);

  private final Journey journey = Journey.create();

  @Override
  public JourneyOutcome run(Enrollment enrollment) {
    Map<String, Object> product = enrollment.triggerProperties();
    return journey.run(
        enrollment,
        () -> {
          journey.sendPreferred(BACK_IN_STOCK.with(product));
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
