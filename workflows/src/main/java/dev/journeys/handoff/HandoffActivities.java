package dev.journeys.handoff;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Hands a customer over to a human: opens a ticket in the helpdesk with the journey's context. */
@ActivityInterface
public interface HandoffActivities {

  /**
   * Opens one ticket per idempotency key; a retry with the same key returns the same ticket without
   * opening another.
   */
  @ActivityMethod(name = "OpenTicket")
  HandoffTicket openTicket(HandoffRequest request);
}
