package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;

/**
 * Thrown inside a journey body when a goal event has arrived; {@link Journey#run} turns it into
 * the {@link JourneyOutcome#CONVERTED} outcome, so a journey never has to check for goals itself.
 */
final class GoalReached extends RuntimeException {
  final CustomerEvent event;

  GoalReached(CustomerEvent event) {
    super("goal reached: " + event.type(), null, false, false);
    this.event = event;
  }
}
