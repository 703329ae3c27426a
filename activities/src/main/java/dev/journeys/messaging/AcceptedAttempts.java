package dev.journeys.messaging;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import java.util.Optional;

/**
 * Carries "the provider accepted this, as id X" from an attempt whose ledger write failed to the
 * next attempt of the same send, through Temporal's heartbeat details (the server keeps an
 * attempt's last details when it fails, and hands them to the next one). So a database outage right
 * after the provider's accept is recorded as SENT by the retry, not sent again nor given up as
 * uncertain. Only a worker that dies in that window leaves the send in doubt.
 *
 * <p>Outside a Temporal activity (tests calling the implementation directly) there is nothing to
 * carry it in, and nothing is carried.
 */
final class AcceptedAttempts {

  private AcceptedAttempts() {}

  /** The provider id an earlier attempt of this send was accepted under, if it said so. */
  static Optional<String> earlier() {
    try {
      return Activity.getExecutionContext().getHeartbeatDetails(String.class);
    } catch (IllegalStateException notInAnActivity) {
      return Optional.empty();
    }
  }

  /** Tells the next attempt that the provider accepted the send as {@code providerId}. */
  static void remember(String providerId) {
    try {
      Activity.getExecutionContext().heartbeat(providerId);
    } catch (IllegalStateException | ActivityCompletionException notCarried) {
      // no activity, or it is being cancelled: the next attempt finds the send in doubt
    }
  }
}
