package dev.journeys.messaging;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells Temporal that a send attempt is alive for as long as it runs, from a background thread (the
 * attempt itself is blocked in the provider call). With a heartbeat timeout on the send activity,
 * an attempt that no worker runs (the worker died, or the poll answer that carried the task was
 * lost, as happens around a Temporal restart or under load) is retried after that timeout instead
 * of after the whole start-to-close timeout, while an attempt that is alive but slow is never given
 * up on by Temporal (its retry would find the send in doubt and resend or give up).
 *
 * <p>The heartbeat details also carry the provider id an attempt got but could not record (the
 * ledger was down right after the provider's accept): the server keeps an attempt's last details
 * and hands them to the next attempt, which records the send SENT instead of sending it again or
 * giving it up as uncertain. An attempt keeps beating with the details it was given until it has
 * its own, so a retry never wipes what an earlier attempt left.
 *
 * <p>Outside a Temporal activity (tests calling the implementation directly) it does nothing.
 */
final class AttemptHeartbeat implements AutoCloseable {

  /**
   * How often the attempt beats at most; more often under a short heartbeat timeout (a quarter of
   * it). The SDK sends at most one beat per 0.8 × the heartbeat timeout whatever we do.
   */
  static final Duration EVERY = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(AttemptHeartbeat.class);

  private static final ScheduledExecutorService BEATS =
      Executors.newScheduledThreadPool(
          2, Thread.ofPlatform().daemon().name("send-heartbeat-", 0).factory());

  private final ActivityExecutionContext context;
  private final Optional<String> earlier;
  private volatile String details;
  private final ScheduledFuture<?> beating;

  private AttemptHeartbeat(ActivityExecutionContext context) {
    this.context = context;
    this.earlier = context == null ? Optional.empty() : context.getHeartbeatDetails(String.class);
    this.details = earlier.orElse(null);
    this.beating =
        context == null
            ? null
            : BEATS.scheduleAtFixedRate(
                this::beat, 0, period(context).toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Duration period(ActivityExecutionContext context) {
    Duration timeout = context.getInfo().getHeartbeatTimeout();
    if (timeout == null || timeout.isZero()) {
      return EVERY;
    }
    Duration quarter = timeout.dividedBy(4);
    Duration floor = Duration.ofMillis(50);
    return quarter.compareTo(EVERY) > 0 ? EVERY : quarter.compareTo(floor) < 0 ? floor : quarter;
  }

  /** Starts beating for the current activity attempt; a no-op outside an activity. */
  static AttemptHeartbeat start() {
    try {
      return new AttemptHeartbeat(Activity.getExecutionContext());
    } catch (IllegalStateException notInAnActivity) {
      return new AttemptHeartbeat(null);
    }
  }

  /** What an earlier attempt of this send left in the heartbeat details. */
  Optional<String> earlier() {
    return earlier;
  }

  /** From now on the details are {@code value}: sent at once, and with every later beat. */
  void carry(String value) {
    details = value;
    beat();
  }

  private synchronized void beat() {
    if (context == null) {
      return;
    }
    try {
      context.heartbeat(details);
    } catch (ActivityCompletionException cancelledOrGone) {
      // Temporal no longer waits for this attempt; it still finishes its send and ledger work
      stopBeating();
    } catch (RuntimeException e) {
      log.debug("send heartbeat failed; trying again with the next beat", e);
    }
  }

  private void stopBeating() {
    if (beating != null) {
      beating.cancel(false);
    }
  }

  @Override
  public void close() {
    stopBeating();
  }
}
