package dev.journeys.api.retention;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes inbound events and ledger entries older than their retention ({@link
 * RetentionProperties}), every {@code purge-interval}, in batches of {@code batch-size} rows. Every
 * API instance purges; the deletes are idempotent, so instances racing each other only share the
 * work.
 */
@Component
@EnableScheduling
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionPurge {

  private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

  /** Rows deleted by one purge. */
  public record Purged(int events, int ledgerEntries) {}

  private final JdbcClient jdbc;
  private final RetentionProperties retention;
  private final Clock clock;

  public RetentionPurge(JdbcClient jdbc, RetentionProperties retention, Clock clock) {
    this.jdbc = jdbc;
    this.retention = retention;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${journeys.retention.initial-delay:5m}",
      fixedDelayString = "${journeys.retention.purge-interval:1h}")
  void scheduledPurge() {
    purge();
  }

  /** Deletes what is past its retention now. */
  public Purged purge() {
    Instant now = clock.instant();
    var purged =
        new Purged(
            purge(
                """
                delete from inbound_event where event_id in (
                  select event_id from inbound_event where received_at < :cutoff limit :batch)""",
                now,
                retention.events()),
            purge(
                """
                delete from message_ledger where idempotency_key in (
                  select idempotency_key from message_ledger where created_at < :cutoff
                  limit :batch)""",
                now,
                retention.ledger()));
    // a batch's status lives as long as its events (its positions go with it, on delete cascade)
    int batches =
        purge(
            """
            delete from event_batch where id in (
              select id from event_batch where received_at < :cutoff limit :batch)""",
            now,
            retention.events());
    if (batches > 0) {
      log.info("retention purge: {} event batches older than {}", batches, retention.events());
    }
    if (purged.events() > 0 || purged.ledgerEntries() > 0) {
      log.info(
          "retention purge: {} inbound events older than {}, {} ledger entries older than {}",
          purged.events(),
          retention.events(),
          purged.ledgerEntries(),
          retention.ledger());
    }
    return purged;
  }

  private int purge(String sql, Instant now, Duration keep) {
    if (keep.isZero()) {
      return 0;
    }
    Timestamp cutoff = Timestamp.from(now.minus(keep));
    int total = 0;
    int deleted;
    do {
      deleted =
          jdbc.sql(sql).param("cutoff", cutoff).param("batch", retention.batchSize()).update();
      total += deleted;
    } while (deleted == retention.batchSize());
    return total;
  }
}
