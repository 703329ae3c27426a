package dev.journeys.api.event;

import dev.journeys.api.InvalidRequestException.FieldError;
import java.util.List;

/** Why a request's events were not all taken, beyond invalid input (see {@link EventIngest}). */
final class EventProblems {

  private EventProblems() {}

  /** An {@code eventId} the key used before (or earlier in the request) for another payload. */
  static final class Conflict extends RuntimeException {
    private final List<FieldError> errors;

    Conflict(List<FieldError> errors) {
      super(
          errors.size() == 1
              ? errors.getFirst().message() + "; nothing was accepted"
              : errors.size()
                  + " event ids were used before with another payload; nothing was"
                  + " accepted");
      this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
      return errors;
    }
  }

  /**
   * Not every event reached its journeys: Temporal unavailable, or another request was delivering
   * some of them. The rest are recorded; the same request sent again delivers them.
   */
  static final class Undelivered extends RuntimeException {
    private final List<Integer> inFlight;

    Undelivered(int done, int total, List<Integer> inFlight) {
      super(
          done
              + " of "
              + total
              + " events reached their journeys"
              + (inFlight.isEmpty()
                  ? "; the journey engine is unavailable."
                  : "; events " + inFlight + " are being delivered by another request.")
              + " The others are recorded: send the same request again (same eventIds) and they"
              + " are delivered, without repeating the ones that were");
      this.inFlight = List.copyOf(inFlight);
    }

    List<Integer> inFlight() {
      return inFlight;
    }
  }

  /**
   * Temporal refused events for good; they were removed again, a corrected one may reuse its id.
   */
  static final class Refused extends RuntimeException {
    private final List<FieldError> errors;

    Refused(List<FieldError> errors) {
      super(
          errors.size()
              + (errors.size() == 1 ? " event was" : " events were")
              + " refused by the journey engine and not accepted; the others reached their"
              + " journeys (or are recorded and delivered when the request is sent again)");
      this.errors = List.copyOf(errors);
    }

    List<FieldError> errors() {
      return errors;
    }
  }
}
