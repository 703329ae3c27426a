package dev.journeys.ledger;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.SendRequest;
import dev.journeys.messaging.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
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
   * The page of {@link #forCustomer} after the entry created at {@code at} with key {@code key}
   * (keyset pagination, same order: newest first, then by key).
   */
  public List<LedgerEntry> forCustomerAfter(
      String customerId, java.time.Instant at, String key, int limit) {
    return jdbc.sql(
            """
            select * from message_ledger where customer_id = :customer
              and (created_at < :at or (created_at = :at and idempotency_key > :key))
            order by created_at desc, idempotency_key limit :limit""")
        .param("customer", customerId)
        .param("at", java.sql.Timestamp.from(at))
        .param("key", key)
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
   * Records the decision for a send not seen before, or for one that was {@code DEFERRED} or {@code
   * THROTTLED} and is being decided again (its row becomes the new decision). Returns false when
   * the key is already decided (a concurrent attempt got there first); the caller then re-reads.
   *
   * <p>A {@code PENDING} decision takes the attempt's lease in the same statement, so no other
   * attempt can send until the lease has passed or the attempt releases it.
   */
  public boolean decide(SendRequest request, Decision decision) {
    return insert(
                """
                insert into message_ledger as l (idempotency_key, customer_id, journey, step,
                    channel, topic, message_key, status, reason, recipient, deferred_until,
                    template_version, template_locale, lease_owner, lease_until)
                values (:key, :customer, :journey, :step, :channel, :topic, :messageKey, :status,
                    :reason, :recipient, :until, :version, :locale, :owner,
                    case when cast(:owner as text) is null then null
                         else clock_timestamp() + :leaseMillis * interval '1 millisecond' end)
                on conflict (idempotency_key) do update
                  set status = excluded.status, reason = excluded.reason,
                      recipient = excluded.recipient, deferred_until = excluded.deferred_until,
                      template_version = excluded.template_version,
                      template_locale = excluded.template_locale,
                      lease_owner = excluded.lease_owner, lease_until = excluded.lease_until,
                      created_at = now(), updated_at = now()
                  where l.status in ('DEFERRED', 'THROTTLED')""",
                request)
            .param("status", decision.status().name())
            .param("reason", decision.reason())
            .param("recipient", decision.recipient())
            .param("until", decision.until() == null ? null : Timestamp.from(decision.until()))
            .param("version", decision.templateVersion())
            .param("locale", decision.templateLocale())
            .param("owner", decision.leaseOwner())
            .param("leaseMillis", decision.lease() == null ? 0L : decision.lease().toMillis())
            .update()
        == 1;
  }

  /**
   * A decision as {@link #decide} records it.
   *
   * @param until when a DEFERRED or THROTTLED send comes back
   * @param leaseOwner the attempt that may now send (PENDING only), for {@code lease}
   */
  public record Decision(
      LedgerStatus status,
      String reason,
      String recipient,
      Instant until,
      Integer templateVersion,
      String templateLocale,
      String leaseOwner,
      Duration lease) {

    public static Decision of(LedgerStatus status, String reason) {
      return new Decision(status, reason, null, null, null, null, null, null);
    }

    public static Decision later(LedgerStatus status, Instant until, String reason) {
      return new Decision(status, reason, null, until, null, null, null, null);
    }
  }

  /**
   * Another attempt of a PENDING send takes the lease: only if no attempt holds it, or the holder's
   * lease ran out (it died, or ran past every timeout of its channel). Empty when the lease is held
   * or the send is no longer PENDING; else whether an earlier attempt may have reached the provider
   * (it still held the lease, or released it saying it got no answer).
   */
  public Optional<Boolean> claim(String idempotencyKey, String owner, Duration lease) {
    return jdbc.sql(
            """
            update message_ledger
            set in_doubt = in_doubt or lease_until is not null,
                lease_owner = :owner,
                lease_until = clock_timestamp() + :leaseMillis * interval '1 millisecond',
                attempts = attempts + 1, updated_at = now()
            where idempotency_key = :key and status = 'PENDING'
              and (lease_until is null or lease_until < clock_timestamp())
            returning in_doubt""")
        .param("owner", owner)
        .param("leaseMillis", lease.toMillis())
        .param("key", idempotencyKey)
        .query(Boolean.class)
        .optional();
  }

  /** How long the attempt holding a PENDING send's lease may still run; empty when none does. */
  public Optional<Duration> leaseRemaining(String idempotencyKey) {
    return jdbc.sql(
            """
            select cast(extract(epoch from lease_until - clock_timestamp()) * 1000 as bigint)
            from message_ledger
            where idempotency_key = :key and status = 'PENDING'
              and lease_until >= clock_timestamp()""")
        .param("key", idempotencyKey)
        .query(Long.class)
        .optional()
        .map(Duration::ofMillis);
  }

  /**
   * The attempt is over without a result: the provider refused it for now ({@code inDoubt} false:
   * nothing reached it) or gave no answer ({@code inDoubt} true). The next attempt may claim the
   * send at once.
   */
  public void release(String idempotencyKey, String owner, boolean inDoubt) {
    jdbc.sql(
            """
            update message_ledger
            set lease_owner = null, lease_until = null, in_doubt = in_doubt or :doubt,
                updated_at = now()
            where idempotency_key = :key and status = 'PENDING' and lease_owner = :owner""")
        .param("doubt", inDoubt)
        .param("key", idempotencyKey)
        .param("owner", owner)
        .update();
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

  /**
   * How many times the customer was sent, or is being sent, one message ({@code messageKey}) since
   * {@code since}: SENT and PENDING rows, on one channel (or all when null), leaving out one send
   * (a retry of a PENDING send). Transactional limits call this with the customer's row locked.
   */
  public int countRecentOfMessage(
      String customerId, Channel channel, String messageKey, Instant since, String excludingKey) {
    return jdbc.sql(
            """
            select count(*) from message_ledger
            where customer_id = :customer and message_key = :messageKey and created_at > :since
              and status in ('SENT', 'PENDING')
              and (cast(:channel as text) is null or channel = :channel)
              and (cast(:excluding as text) is null or idempotency_key <> :excluding)""")
        .param("customer", customerId)
        .param("messageKey", messageKey)
        .param("since", Timestamp.from(since))
        .param("channel", channel == null ? null : channel.name())
        .param("excluding", excludingKey)
        .query(Integer.class)
        .single();
  }

  /**
   * The provider accepted the send. Also from UNCERTAIN: an attempt given up on that turns out to
   * have been accepted after all is recorded as what it is.
   */
  public void markSent(String idempotencyKey, String providerMessageId) {
    int updated =
        jdbc.sql(
                """
                update message_ledger
                set status = 'SENT', reason = null, provider_message_id = :providerId,
                    lease_owner = null, lease_until = null, updated_at = now()
                where idempotency_key = :key and status in ('PENDING', 'UNCERTAIN')""")
            .param("providerId", providerMessageId)
            .param("key", idempotencyKey)
            .update();
    if (updated != 1) {
      throw new IllegalStateException("ledger entry " + idempotencyKey + " is not pending");
    }
  }

  /** A PENDING entry was refused by the provider for good, or cannot be sent at all. */
  public void markFailed(String idempotencyKey, String reason) {
    settle(idempotencyKey, LedgerStatus.FAILED, reason);
  }

  /**
   * A PENDING entry whose attempt may have reached the provider is given up on, as its channel's
   * delivery semantics say: it is not sent again.
   */
  public void markUncertain(String idempotencyKey, String reason) {
    settle(idempotencyKey, LedgerStatus.UNCERTAIN, reason);
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

  private void settle(String key, LedgerStatus status, String reason) {
    int updated =
        jdbc.sql(
                """
                update message_ledger
                set status = :status, reason = :reason, lease_owner = null, lease_until = null,
                    updated_at = now()
                where idempotency_key = :key and status = 'PENDING'""")
            .param("status", status.name())
            .param("reason", reason)
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
