package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;

/**
 * Thrown inside a journey body when a goal or exit event has arrived; {@link Journey#run} turns it
 * into the outcome ({@link JourneyOutcome#CONVERTED} or {@link JourneyOutcome#EXITED}), so a
 * journey never has to check for goals itself.
 */
final class GoalReached extends RuntimeException {
  final CustomerEvent event;
  final JourneyOutcome outcome;

  GoalReached(CustomerEvent event, JourneyOutcome outcome) {
    super(outcome + (event == null ? "" : " on " + event.type()), null, false, false);
    this.event = event;
    this.outcome = outcome;
  }
}
