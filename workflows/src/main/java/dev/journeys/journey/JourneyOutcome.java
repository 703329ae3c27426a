package dev.journeys.journey;

/** How an enrollment ended; kept in the {@code JourneyOutcome} search attribute. */
public enum JourneyOutcome {
  /** A goal event arrived (e.g. the customer ordered): the journey did its job. */
  CONVERTED,
  /** The journey ran to its last step without reaching a goal. */
  COMPLETED,
  /** An exit criterion other than a goal ended it (e.g. the customer unsubscribed). */
  EXITED,
  /** An operator or a re-entry cancelled it. */
  CANCELLED
}
