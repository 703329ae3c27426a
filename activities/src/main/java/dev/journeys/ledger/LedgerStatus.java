package dev.journeys.ledger;

/**
 * Where a send stands.
 *
 * <ul>
 *   <li>{@code PENDING}: allowed (the decision is final) and handed, or about to be handed, to the
 *       provider; not yet confirmed
 *   <li>{@code SENT}, {@code SUPPRESSED}, {@code FAILED}: final
 *   <li>{@code UNCERTAIN}: final; an attempt may have reached the provider and the channel's
 *       delivery semantics say not to send again
 *   <li>{@code DEFERRED}: not now; decided again when the send is asked for after {@code
 *       deferredUntil}
 *   <li>{@code THROTTLED}: not decided yet; holds a slot of the send rate at {@code deferredUntil}
 * </ul>
 */
public enum LedgerStatus {
  PENDING,
  SENT,
  SUPPRESSED,
  DEFERRED,
  FAILED,
  UNCERTAIN,
  THROTTLED
}
