package dev.journeys.policy;

import java.time.Instant;

/** What the policy gate says about one send. */
public sealed interface SendDecision {

  /** Send it to this address. */
  record Allow(String recipient) implements SendDecision {}

  /** Do not send; {@code reason} is the ledger reason, e.g. {@code opted_out}. */
  record Suppress(String reason) implements SendDecision {}

  /** Not now: ask again at {@code until}; {@code reason} is e.g. {@code quiet_hours}. */
  record Defer(Instant until, String reason) implements SendDecision {}
}
