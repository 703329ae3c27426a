package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;

/**
 * Thrown inside a journey body when the journey is over before its last line: a goal event arrived
 * ({@link JourneyOutcome#CONVERTED}), an exit event ({@link JourneyOutcome#EXITED}), or the body
 * said {@link Journey#endAs}. {@link Journey#run} turns it into the outcome, so a journey never has
 * to check for goals or exits itself.
 */
final class JourneyEnded extends RuntimeException {
  /** The goal or exit event; null when the journey ended itself ({@link Journey#endAs}). */
  final CustomerEvent event;

  final JourneyOutcome outcome;

  JourneyEnded(CustomerEvent event, JourneyOutcome outcome) {
    super(outcome + (event == null ? "" : " on " + event.type()), null, false, false);
    this.event = event;
    this.outcome = outcome;
  }
}
