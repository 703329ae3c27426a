package dev.journeys.journey;

import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * An enrollment in an experiment's hold-out group: it stays at step {@code holdout}, and each
 * {@link Journey#sendOrHoldBack} records the message as withheld instead of sending it, at the
 * moment the others get theirs.
 */
final class HoldOut {

  /**
   * Added while journeys ran: hold-out enrollments started before it recorded nothing and slept
   * through the journey in one timer. Their replay takes {@link #legacy} (only the abandoned cart
   * had a hold-out group then, whose story is pauses and sends).
   */
  static final String HOLDOUT_IN_LEDGER = "holdout-in-ledger";

  static final String STEP = Experiment.HOLDOUT;

  private boolean heldOut;
  private boolean legacy;
  private Duration sleptThrough = Duration.ZERO;

  /** Puts the enrollment in the hold-out group (once): step {@code holdout}, from now on. */
  void enter(Progress progress) {
    if (heldOut) {
      return;
    }
    heldOut = true;
    progress.holdAt(STEP);
    legacy =
        Workflow.getVersion(HOLDOUT_IN_LEDGER, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION;
  }

  boolean heldOut() {
    return heldOut;
  }

  /**
   * A held-out enrollment of before {@link #HOLDOUT_IN_LEDGER}: sends nothing, not even records.
   */
  boolean legacy() {
    return legacy;
  }

  /** In a legacy hold-out, a pause only adds to the one wait at the end: true if it took it. */
  boolean absorbs(Duration pause) {
    if (!legacy) {
      return false;
    }
    sleptThrough = sleptThrough.plus(pause);
    return true;
  }

  /** What a legacy hold-out still has to sleep when the story ends. */
  Duration sleptThrough() {
    return sleptThrough;
  }
}
