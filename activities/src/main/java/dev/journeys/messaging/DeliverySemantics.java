package dev.journeys.messaging;

/**
 * What a send does when an earlier attempt of it may have reached the provider (the worker died
 * mid-call, the provider gave no answer) and the provider cannot be trusted to drop a repeat.
 */
public enum DeliverySemantics {
  /** Send again with the same idempotency key: never lost, possibly delivered twice. */
  AT_LEAST_ONCE,
  /** Record the send {@code UNCERTAIN} and stop: never twice, possibly lost. */
  AT_MOST_ONCE
}
