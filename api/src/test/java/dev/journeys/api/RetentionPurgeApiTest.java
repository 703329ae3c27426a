package dev.journeys.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.api.retention.RetentionProperties;
import dev.journeys.api.retention.RetentionPurge;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The scheduled purge deletes inbound events and ledger entries past their configured retention, in
 * batches, and nothing younger.
 */
@TestPropertySource(
    properties = {
      "journeys.retention.events=30d",
      "journeys.retention.ledger=60d",
      "journeys.retention.batch-size=2",
      "journeys.retention.initial-delay=1s",
      "journeys.retention.purge-interval=300ms"
    })
class RetentionPurgeApiTest extends ApiTestSupport {

  @Autowired JdbcClient jdbc;
  @Autowired RetentionPurge purge;

  @Test
  void theScheduledPurgeDeletesWhatIsPastItsRetentionAndNothingYounger() throws Exception {
    for (int i = 0; i < 5; i++) {
      event("old-" + i, 31);
      ledger("old-" + i, 61);
    }
    event("young", 29);
    ledger("young", 59);
    batch(31);
    String young = batch(29);

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!events().equals(List.of("young"))
        || !ledgerKeys().equals(List.of("young"))
        || !batches().equals(List.of(young))) {
      assertThat(System.nanoTime()).as("purged within 20 s").isLessThan(deadline);
      Thread.sleep(100);
    }
    // nothing left to do: a purge now deletes nothing
    assertThat(purge.purge()).isEqualTo(new RetentionPurge.Purged(0, 0));
  }

  @Test
  void aRetentionTooShortForWhatTheRowsAreStillUsedForIsRefused() {
    assertThatThrownBy(
            () ->
                new RetentionProperties(Duration.ofDays(1), Duration.ZERO, Duration.ofHours(1), 10))
        .hasMessageContaining("journeys.retention.events");
    assertThatThrownBy(
            () ->
                new RetentionProperties(Duration.ZERO, Duration.ofDays(7), Duration.ofHours(1), 10))
        .hasMessageContaining("journeys.retention.ledger");
  }

  private void event(String id, int daysAgo) {
    jdbc.sql(
            """
            insert into inbound_event (source, event_id, customer_id, type, occurred_at, received_at)
            values ('test', :id, 'ret', 'page_viewed', now(), now() - make_interval(days => :days))""")
        .param("id", id)
        .param("days", daysAgo)
        .update();
  }

  private void ledger(String key, int daysAgo) {
    jdbc.sql(
            """
            insert into message_ledger (idempotency_key, customer_id, channel, topic, message_key,
                status, created_at)
            values (:key, 'ret', 'EMAIL', 'MARKETING', 'welcome', 'SENT',
                now() - make_interval(days => :days))""")
        .param("key", key)
        .param("days", daysAgo)
        .update();
  }

  /** A batch of one event received {@code daysAgo}; returns its id. */
  private String batch(int daysAgo) {
    String id = java.util.UUID.randomUUID().toString();
    jdbc.sql(
            """
            insert into event_batch (id, source, received_at, size)
            values (cast(:id as uuid), 'test', now() - make_interval(days => :days), 1)""")
        .param("id", id)
        .param("days", daysAgo)
        .update();
    jdbc.sql(
            """
            insert into event_batch_item (batch_id, position, source, event_id, duplicate)
            values (cast(:id as uuid), 0, 'test', 'young', false)""")
        .param("id", id)
        .update();
    return id;
  }

  private List<String> batches() {
    return jdbc.sql("select cast(id as text) from event_batch").query(String.class).list();
  }

  private List<String> events() {
    return jdbc.sql("select event_id from inbound_event where customer_id = 'ret'")
        .query(String.class)
        .list();
  }

  private List<String> ledgerKeys() {
    return jdbc.sql("select idempotency_key from message_ledger where customer_id = 'ret'")
        .query(String.class)
        .list();
  }
}
