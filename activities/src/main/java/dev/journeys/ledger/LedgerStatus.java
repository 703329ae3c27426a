package dev.journeys.ledger;

/** Where a send decision stands. PENDING: allowed and handed to the provider, not yet confirmed. */
public enum LedgerStatus {
  PENDING,
  SENT,
  SUPPRESSED,
  DEFERRED,
  FAILED
}
