package dev.journeys.policy;

import dev.journeys.messaging.SendRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Send rates per provider (channel) and per journey, as token buckets in PostgreSQL, so the limit
 * holds across every worker instance: each bucket is one row, and taking a token is one atomic
 * upsert that refills the bucket for the time passed and takes a token only if one is there.
 *
 * <p>A send that finds no token is not failed: the activity throws a retryable failure whose
 * next-retry delay is the time until a token is due, and Temporal runs it again then. Nothing is
 * recorded for it meanwhile, so a large trigger drains at the provider's rate.
 */
@Component
public class SendRateLimiter {

  /** The failure type Temporal sees for a throttled send (retryable). */
  public static final String RATE_LIMITED = "RateLimited";

  private final PolicyProperties properties;
  private final JdbcClient jdbc;

  public SendRateLimiter(PolicyProperties properties, JdbcClient jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /**
   * Takes a token from the channel's bucket and from the journey's, or throws the retryable {@link
   * #RATE_LIMITED} failure. Called in the decision transaction, so a refusal of the second bucket
   * gives the first one its token back.
   */
  public void acquire(SendRequest request) {
    var limits = properties.rateLimits();
    double channelRate = limits.perChannel().getOrDefault(request.channel(), 0.0);
    take("channel:" + request.channel().name(), channelRate)
        .ifPresent(wait -> throttled(request, wait));
    if (request.journey() != null) {
      take("journey:" + request.journey(), limits.perJourney())
          .ifPresent(wait -> throttled(request, wait));
    }
  }

  /**
   * Takes one token from the named bucket filling at {@code ratePerSecond} (holding at most one
   * second's worth, and at least one token). Empty if taken; else how long until one is due.
   */
  public Optional<Duration> take(String bucket, double ratePerSecond) {
    if (ratePerSecond <= 0) {
      return Optional.empty();
    }
    double capacity = Math.max(1.0, ratePerSecond);
    var taken =
        jdbc.sql(
                """
                insert into send_rate_bucket as b (name, tokens, refilled_at)
                values (:name, :capacity - 1, statement_timestamp())
                on conflict (name) do update
                  set tokens = least(:capacity, b.tokens
                        + extract(epoch from statement_timestamp() - b.refilled_at) * :rate) - 1,
                      refilled_at = statement_timestamp()
                  where least(:capacity, b.tokens
                        + extract(epoch from statement_timestamp() - b.refilled_at) * :rate) >= 1
                returning tokens""")
            .param("name", bucket)
            .param("capacity", capacity)
            .param("rate", ratePerSecond)
            .query(Double.class)
            .optional();
    if (taken.isPresent()) {
      return Optional.empty();
    }
    double available =
        jdbc.sql(
                """
                select least(:capacity, tokens
                    + extract(epoch from statement_timestamp() - refilled_at) * :rate)
                from send_rate_bucket where name = :name""")
            .param("name", bucket)
            .param("capacity", capacity)
            .param("rate", ratePerSecond)
            .query(Double.class)
            .single();
    long millis = (long) Math.ceil(Math.max(0.0, 1.0 - available) / ratePerSecond * 1000);
    return Optional.of(Duration.ofMillis(Math.max(10, millis)));
  }

  private static void throttled(SendRequest request, Duration wait) {
    throw ApplicationFailure.newFailureWithCauseAndDelay(
        "send "
            + request.idempotencyKey()
            + " is over the send rate of its provider or journey;"
            + " retrying in "
            + wait.toMillis()
            + " ms",
        RATE_LIMITED,
        null,
        wait);
  }
}
