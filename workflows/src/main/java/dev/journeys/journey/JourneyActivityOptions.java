package dev.journeys.journey;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * Timeouts and retries of the activities a journey calls, in one place. A journey that needs other
 * values passes its own to {@link Journey}.
 *
 * @param send for channel sends: a provider outage is retried with backoff until {@code
 *     scheduleToClose}; permanent refusals come back as {@code Failed} outcomes, not exceptions
 */
public record JourneyActivityOptions(ActivityOptions send) {

  public static JourneyActivityOptions defaults() {
    return new JourneyActivityOptions(
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setScheduleToCloseTimeout(Duration.ofHours(2))
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setBackoffCoefficient(2.0)
                    .setMaximumInterval(Duration.ofMinutes(5))
                    .build())
            .build());
  }
}
