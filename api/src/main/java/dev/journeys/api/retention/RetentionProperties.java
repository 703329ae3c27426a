package dev.journeys.api.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code journeys.retention.*}: how long the inbound event log and the message ledger are kept; 0
 * keeps them forever. Lower bounds protect what the rows are still used for: event ids de-duplicate
 * resent events, and the ledger makes sends idempotent and feeds the frequency caps.
 *
 * @param events age (by {@code received_at}) after which inbound events are deleted
 * @param ledger age (by {@code created_at}) after which ledger entries are deleted
 * @param purgeInterval time between two purges
 * @param batchSize rows deleted per statement, so a purge never holds long locks
 */
@ConfigurationProperties("journeys.retention")
public record RetentionProperties(
    @DefaultValue("90d") Duration events,
    @DefaultValue("400d") Duration ledger,
    @DefaultValue("1h") Duration purgeInterval,
    @DefaultValue("5000") int batchSize) {

  static final Duration MIN_EVENTS = Duration.ofDays(7);
  static final Duration MIN_LEDGER = Duration.ofDays(30);

  public RetentionProperties {
    check("journeys.retention.events", events, MIN_EVENTS);
    check("journeys.retention.ledger", ledger, MIN_LEDGER);
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("journeys.retention.purge-interval must be positive");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("journeys.retention.batch-size must be at least 1");
    }
  }

  private static void check(String name, Duration value, Duration minimum) {
    if (value.isNegative() || (!value.isZero() && value.compareTo(minimum) < 0)) {
      throw new IllegalArgumentException(
          name + " must be 0 (keep forever) or at least " + minimum.toDays() + "d, is " + value);
    }
  }
}
