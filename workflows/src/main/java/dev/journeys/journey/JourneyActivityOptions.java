package dev.journeys.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of the activities a journey calls, in one place. A journey that needs other
 * values passes its own to {@link Journey}.
 *
 * <p>No schedule-to-close and no attempt limit: an infrastructure outage (provider, PostgreSQL,
 * helpdesk) is retried, with a capped backoff, until the infrastructure is back, instead of failing
 * the enrollment after some arbitrary time. Permanent failures are not retried: sends return them
 * as {@code Failed} outcomes, and the journey records a non-retryable failure and goes on.
 *
 * @param send for channel sends: retried with backoff up to 5 minutes between attempts
 * @param lookup for reads of the journey store (profiles, experiment decisions, subscribers): short
 *     attempts, retried quickly, at most 30 seconds apart
 * @param handoff for opening helpdesk tickets: retried with backoff like sends
 */
public record JourneyActivityOptions(
    ActivityOptions send, ActivityOptions lookup, ActivityOptions handoff) {

  public JourneyActivityOptions {
    var defaults = defaultsOf();
    send = send == null ? defaults[0] : send;
    lookup = lookup == null ? defaults[1] : lookup;
    handoff = handoff == null ? defaults[0] : handoff;
  }

  /** Custom send options, defaults for the rest. */
  public JourneyActivityOptions(ActivityOptions send) {
    this(send, null, null);
  }

  /**
   * The send activity's heartbeat timeout. Long enough for the SDK's throttled beats (one per 0.8 ×
   * this) to arrive on a loaded machine, short enough that a lost attempt does not stall a journey
   * for the whole start-to-close.
   */
  public static final Duration SEND_HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

  public static JourneyActivityOptions defaults() {
    return new JourneyActivityOptions(null, null, null);
  }

  private static ActivityOptions[] defaultsOf() {
    var send =
        ActivityOptions.newBuilder()
            // longer than any attempt's lease on its ledger row (the channel's longest call plus
            // 15 s; SMTP with 10 s per connect, read and write: 145 s), so Temporal never starts a
            // second attempt that would only find the first one still holding the send
            .setStartToCloseTimeout(Duration.ofMinutes(3))
            // the send activity beats while it runs (also while blocked in the provider call): an
            // attempt that no worker runs any more (it died, or the task was lost around a
            // Temporal restart) is retried after a minute, not after the whole start-to-close
            .setHeartbeatTimeout(SEND_HEARTBEAT_TIMEOUT)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofMinutes(5))
                    .build())
            .build();
    var lookup =
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofMillis(500))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofSeconds(30))
                    .build())
            .build();
    return new ActivityOptions[] {send, lookup};
  }
}
