package dev.journeys.messaging;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Delivers a journey's message: reads profile and consent, decides by policy, writes the ledger row
 * (keyed by the request's idempotency key) and only then calls the provider.
 */
@ActivityInterface
public interface SendActivities {

  /**
   * Sends once per idempotency key. A retry of a key already sent returns the recorded outcome
   * without contacting the provider again.
   */
  @ActivityMethod(name = "Send")
  SendOutcome send(SendRequest request);
}
