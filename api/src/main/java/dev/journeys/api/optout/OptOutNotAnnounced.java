package dev.journeys.api.optout;

/**
 * A consent change whose withdrawal could not be announced to running journeys because the journey
 * engine is unavailable. Whether the change itself stands depends on the caller: on its own it was
 * committed before Temporal was called; inside a caller's transaction (an SMS STOP, committed with
 * its replay mark) it is rolled back with that transaction.
 */
public class OptOutNotAnnounced extends RuntimeException {

  private final boolean consentRecorded;

  OptOutNotAnnounced(boolean consentRecorded, RuntimeException cause) {
    super(
        consentRecorded
            ? "the consent change was recorded and is in effect, but running journeys could not be"
                + " told of it: the journey engine is unavailable. Send the same request again"
                + " later to tell them"
            : "nothing was recorded: the consent change was rolled back because running journeys"
                + " could not be told of it (the journey engine is unavailable). Send the same"
                + " request again later",
        cause);
    this.consentRecorded = consentRecorded;
  }

  /** True when the change is committed and only the announcement is missing. */
  public boolean consentRecorded() {
    return consentRecorded;
  }
}
