package dev.journeys.api.event;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;

/**
 * What a failed Temporal call means for the sender: try again later (unavailable, out of time,
 * overloaded), or never in this form (the request itself was refused: a payload or id over the
 * server's limits, an invalid argument), or a fault of ours.
 */
final class TemporalFailure {

  enum Kind {
    UNAVAILABLE,
    REFUSED,
    OTHER
  }

  private static final Set<Status.Code> UNAVAILABLE =
      Set.of(
          Status.Code.UNAVAILABLE,
          Status.Code.DEADLINE_EXCEEDED,
          Status.Code.RESOURCE_EXHAUSTED,
          Status.Code.CANCELLED,
          Status.Code.ABORTED);

  private static final Set<Status.Code> REFUSED =
      Set.of(Status.Code.INVALID_ARGUMENT, Status.Code.OUT_OF_RANGE);

  private TemporalFailure() {}

  static Kind of(Throwable failure) {
    var status = status(failure);
    if (status == null) {
      return Kind.OTHER;
    }
    if (UNAVAILABLE.contains(status.getCode())) {
      return Kind.UNAVAILABLE;
    }
    return REFUSED.contains(status.getCode()) ? Kind.REFUSED : Kind.OTHER;
  }

  /** The server's reason, e.g. {@code Blob data size exceeds limit.} */
  static String message(Throwable failure) {
    var status = status(failure);
    String reason = status == null ? null : status.getDescription();
    return "the journey engine refused the event"
        + (reason == null || reason.isBlank() ? "" : ": " + reason);
  }

  private static Status status(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException e) {
        return e.getStatus();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
