package dev.journeys.policy;

/** What the policy gate says about one send. */
public sealed interface SendDecision {

  /** Send it to this address. */
  record Allow(String recipient) implements SendDecision {}

  /** Do not send; {@code reason} is the ledger reason, e.g. {@code opted_out}. */
  record Suppress(String reason) implements SendDecision {}
}
