package dev.journeys.ledger;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of every send decision, keyed by the send's idempotency key. */
@Repository
public class MessageLedger {

  private final JdbcClient jdbc;

  public MessageLedger(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<LedgerEntry> find(String idempotencyKey) {
    return jdbc.sql("select * from message_ledger where idempotency_key = :key")
        .param("key", idempotencyKey)
        .query(MessageLedger::entry)
        .optional();
  }

  /** The customer's timeline, newest first. */
  public List<LedgerEntry> forCustomer(String customerId, int limit) {
    return jdbc.sql(
            """
            select * from message_ledger where customer_id = :customer
            order by created_at desc, idempotency_key limit :limit""")
        .param("customer", customerId)
        .param("limit", limit)
        .query(MessageLedger::entry)
        .list();
  }

  /**
   * Records a decision for a request not seen before. Returns false when the key already exists (a
   * concurrent or earlier attempt decided first); the caller then re-reads the entry.
   */
  public boolean recordNew(
      SendRequest request, LedgerStatus status, String reason, String recipient) {
    return insert(
                """
                insert into message_ledger (idempotency_key, customer_id, journey, step, channel,
                    topic, message_key, status, reason, recipient)
                values (:key, :customer, :journey, :step, :channel, :topic, :messageKey, :status,
                    :reason, :recipient)
                on conflict (idempotency_key) do nothing""",
                request)
            .param("status", status.name())
            .param("reason", reason)
            .param("recipient", recipient)
            .update()
        == 1;
  }

  /**
   * Records that a send not seen before may only go out at {@code until} (quiet hours, contact
   * window). The journey asks again then, under a new key; this row stays as the explanation.
   */
  public boolean recordDeferred(SendRequest request, java.time.Instant until, String reason) {
    return insert(
                """
                insert into message_ledger (idempotency_key, customer_id, journey, step, channel,
                    topic, message_key, status, reason, deferred_until)
                values (:key, :customer, :journey, :step, :channel, :topic, :messageKey, 'DEFERRED',
                    :reason, :until)
                on conflict (idempotency_key) do nothing""",
                request)
            .param("reason", reason)
            .param("until", Timestamp.from(until))
            .update()
        == 1;
  }

  /** An insert of a new row, with the columns every row takes from its request bound. */
  private JdbcClient.StatementSpec insert(String sql, SendRequest request) {
    return jdbc.sql(sql)
        .param("key", request.idempotencyKey())
        .param("customer", request.customerId())
        .param("journey", request.journey())
        .param("step", request.step())
        .param("channel", request.channel().name())
        .param("topic", request.topic().name())
        .param("messageKey", request.messageKey());
  }

  /** A PENDING entry may only go out later (a retry landed in quiet hours). */
  public void markDeferred(String idempotencyKey, java.time.Instant until, String reason) {
    int updated =
        jdbc.sql(
                """
                update message_ledger
                set status = 'DEFERRED', reason = :reason, deferred_until = :until, updated_at = now()
                where idempotency_key = :key and status = 'PENDING'""")
            .param("reason", reason)
            .param("until", Timestamp.from(until))
            .param("key", idempotencyKey)
            .update();
    if (updated != 1) {
      throw new IllegalStateException("ledger entry " + idempotencyKey + " is not pending");
    }
  }

  /**
   * How many messages the customer was sent, or is being sent, since {@code since}: SENT and
   * PENDING rows, on one channel (or all when null), of the given topics. Frequency caps call this
   * with the customer's row locked, so two racing sends count each other.
   */
  public int countRecent(
      String customerId, Channel channel, java.util.Collection<Topic> topics, Instant since) {
    return countRecent(customerId, channel, topics, since, null);
  }

  /**
   * As above, leaving out one send: a retry of a PENDING send must not be capped by its own earlier
   * attempt.
   */
  public int countRecent(
      String customerId,
      Channel channel,
      java.util.Collection<Topic> topics,
      Instant since,
      String excludingKey) {
    if (topics.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            """
            select count(*) from message_ledger
            where customer_id = :customer and created_at > :since
              and status in ('SENT', 'PENDING')
              and (cast(:channel as text) is null or channel = :channel)
              and topic in (:topics)
              and (cast(:excluding as text) is null or idempotency_key <> :excluding)""")
        .param("customer", customerId)
        .param("excluding", excludingKey)
        .param("since", Timestamp.from(since))
        .param("channel", channel == null ? null : channel.name())
        .param("topics", topics.stream().map(Topic::name).toList())
        .query(Integer.class)
        .single();
  }

  /** A PENDING entry was confirmed by the provider. */
  public void markSent(String idempotencyKey, String providerMessageId) {
    settle(idempotencyKey, LedgerStatus.SENT, null, providerMessageId);
  }

  /** A PENDING entry was refused by the provider for good. */
  public void markFailed(String idempotencyKey, String reason) {
    settle(idempotencyKey, LedgerStatus.FAILED, reason, null);
  }

  /** A PENDING entry may no longer be sent (e.g. the customer opted out before a retry). */
  public void markSuppressed(String idempotencyKey, String reason) {
    settle(idempotencyKey, LedgerStatus.SUPPRESSED, reason, null);
  }

  /** Another attempt at a PENDING entry is starting (the earlier one died or timed out). */
  public void countAttempt(String idempotencyKey) {
    jdbc.sql(
            """
            update message_ledger set attempts = attempts + 1, updated_at = now()
            where idempotency_key = :key and status = 'PENDING'""")
        .param("key", idempotencyKey)
        .update();
  }

  /** Which template version (and locale variant) the entry's message was rendered from. */
  public void recordTemplate(String idempotencyKey, Integer version, String locale) {
    jdbc.sql(
            """
            update message_ledger set template_version = :version, template_locale = :locale
            where idempotency_key = :key""")
        .param("version", version)
        .param("locale", locale)
        .param("key", idempotencyKey)
        .update();
  }

  /** The entry a provider's message id belongs to (delivery receipts carry only that id). */
  public Optional<LedgerEntry> findByProviderMessageId(String providerMessageId) {
    return jdbc.sql(
            """
            select * from message_ledger where provider_message_id = :providerId
            order by created_at desc limit 1""")
        .param("providerId", providerMessageId)
        .query(MessageLedger::entry)
        .optional();
  }

  /**
   * The newest message with this provider id on one of these channels: providers' ids are unique
   * only per provider, so a receipt must not reach another provider's message.
   */
  public Optional<LedgerEntry> findByProviderMessageId(
      String providerMessageId, java.util.Set<Channel> channels) {
    if (channels.isEmpty()) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            select * from message_ledger where provider_message_id = :providerId
            and channel in (:channels) order by created_at desc limit 1""")
        .param("providerId", providerMessageId)
        .param("channels", channels.stream().map(Channel::name).toList())
        .query(MessageLedger::entry)
        .optional();
  }

  /**
   * Records a provider's delivery receipt; false when it changes nothing. Receipts can arrive out
   * of order: DELIVERED is overtaken by any other status (READ, a late bounce), the others are
   * final.
   */
  public boolean recordDelivery(String idempotencyKey, String deliveryStatus, Instant at) {
    return jdbc.sql(
                """
                update message_ledger
                set delivery_status = :status, delivery_updated_at = :at
                where idempotency_key = :key
                  and (delivery_status is null
                       or (delivery_status = 'DELIVERED' and :status <> 'DELIVERED'))""")
            .param("status", deliveryStatus)
            .param("at", Timestamp.from(at))
            .param("key", idempotencyKey)
            .update()
        == 1;
  }

  private void settle(String key, LedgerStatus status, String reason, String providerMessageId) {
    int updated =
        jdbc.sql(
                """
                update message_ledger
                set status = :status, reason = :reason, provider_message_id = :providerId,
                    updated_at = now()
                where idempotency_key = :key and status = 'PENDING'""")
            .param("status", status.name())
            .param("reason", reason)
            .param("providerId", providerMessageId)
            .param("key", key)
            .update();
    if (updated != 1) {
      throw new IllegalStateException("ledger entry " + key + " is not pending");
    }
  }

  private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
    return new LedgerEntry(
        rs.getString("idempotency_key"),
        rs.getString("customer_id"),
        rs.getString("journey"),
        rs.getString("step"),
        Channel.valueOf(rs.getString("channel")),
        Topic.valueOf(rs.getString("topic")),
        rs.getString("message_key"),
        LedgerStatus.valueOf(rs.getString("status")),
        rs.getString("reason"),
        rs.getString("recipient"),
        rs.getString("provider_message_id"),
        instant(rs.getTimestamp("deferred_until")),
        rs.getInt("attempts"),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")),
        (Integer) rs.getObject("template_version"),
        rs.getString("template_locale"),
        rs.getString("delivery_status"),
        instant(rs.getTimestamp("delivery_updated_at")));
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
