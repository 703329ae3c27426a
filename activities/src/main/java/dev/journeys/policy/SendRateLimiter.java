package dev.journeys.policy;

import dev.journeys.messaging.SendRequest;
import java.time.Duration;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Send rates per provider (channel) and per journey, as token buckets in PostgreSQL, so the limit
 * holds across every worker instance: each bucket is one row, and taking a token is one atomic
 * upsert that refills the bucket for the time passed.
 *
 * <p>A send that finds no token reserves the next free one: the bucket goes into debt, and the send
 * is told how long until its slot is due. Waiting sends thus get slots one after another at the
 * bucket's rate instead of all retrying at once, and a large trigger drains at the provider's rate.
 * Tokens are taken in their own short statements, never in the send's decision transaction (which
 * holds the customer's row), so a busy bucket never holds up other customers' decisions.
 */
@Component
public class SendRateLimiter {

  private final PolicyProperties properties;
  private final JdbcClient jdbc;

  public SendRateLimiter(PolicyProperties properties, JdbcClient jdbc) {
    this.properties = properties;
    this.jdbc = jdbc;
  }

  /**
   * Takes a token from the channel's bucket and from the journey's, reserving a future one where
   * none is left. Empty when the send may go now; else how long until its reserved slot is due (the
   * later of the two).
   */
  public Optional<Duration> reserve(SendRequest request) {
    Duration wait = Duration.ZERO;
    for (var bucket : buckets(request).entrySet()) {
      Duration own = reserve(bucket.getKey(), bucket.getValue());
      wait = own.compareTo(wait) > 0 ? own : wait;
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Returns the tokens {@link #reserve} took for a send that then went nowhere. */
  public void giveBack(SendRequest request) {
    for (var bucket : buckets(request).keySet()) {
      jdbc.sql("update send_rate_bucket set tokens = tokens + 1 where name = :name")
          .param("name", bucket)
          .update();
    }
  }

  /** The buckets a send takes from, with their rates; unlimited ones left out. */
  private java.util.Map<String, Double> buckets(SendRequest request) {
    var limits = properties.rateLimits();
    var buckets = new java.util.LinkedHashMap<String, Double>();
    double channelRate = limits.perChannel().getOrDefault(request.channel(), 0.0);
    if (channelRate > 0) {
      buckets.put("channel:" + request.channel().name(), channelRate);
    }
    if (request.journey() != null && limits.perJourney() > 0) {
      buckets.put("journey:" + request.journey(), limits.perJourney());
    }
    return buckets;
  }

  /**
   * Takes one token from the named bucket, into debt if need be; how long until the token taken is
   * due (zero when it was there).
   */
  Duration reserve(String bucket, double ratePerSecond) {
    double capacity = Math.max(1.0, ratePerSecond);
    double left =
        jdbc.sql(
                """
                insert into send_rate_bucket as b (name, tokens, refilled_at)
                values (:name, :capacity - 1, statement_timestamp())
                on conflict (name) do update
                  set tokens = least(:capacity, b.tokens
                        + extract(epoch from statement_timestamp() - b.refilled_at) * :rate) - 1,
                      refilled_at = statement_timestamp()
                returning tokens""")
            .param("name", bucket)
            .param("capacity", capacity)
            .param("rate", ratePerSecond)
            .query(Double.class)
            .single();
    if (left >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.max(10, (long) Math.ceil(-left / ratePerSecond * 1000)));
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
}
