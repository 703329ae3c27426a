package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

/**
 * What every journey workflow answers besides its own {@code @WorkflowMethod}: customer events
 * arrive on one signal, and one query tells where the journey stands.
 */
public interface CustomerJourney {

  String EVENT_SIGNAL = "customerEvent";
  String STATE_QUERY = "state";

  /** A customer event for this enrollment; repeats of an event id are ignored. */
  @SignalMethod(name = EVENT_SIGNAL)
  void onEvent(CustomerEvent event);

  /** Current step, what the journey waits for and until when, and the messages so far. */
  @QueryMethod(name = STATE_QUERY)
  JourneyState state();
}
