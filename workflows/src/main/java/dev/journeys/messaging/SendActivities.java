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
   * Decides once per idempotency key and sends under it. Asked again with the same key: a final
   * outcome (Sent, Suppressed, Failed, Uncertain) is returned as recorded; a Deferred or Throttled
   * send is decided again once its time has come; an allowed send whose attempt did not finish is
   * completed under the same key or given up as Uncertain, never decided again. Permanent failures
   * come back as {@link SendOutcome.Failed}; only transient ones are thrown, for Temporal to retry.
   */
  @ActivityMethod(name = "Send")
  SendOutcome send(SendRequest request);
}
