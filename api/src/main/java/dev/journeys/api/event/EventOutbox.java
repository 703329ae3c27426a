package dev.journeys.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.event.CustomerEvent;
import dev.journeys.eventlog.InboundEventLog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox of batches, in the inbound event log: a batch's events are recorded {@code queued} (in
 * the caller's transaction, with the batch and its positions), and {@link EventRelay} leases and
 * delivers them after. A lease is a claim ({@code claimed_by}, {@code claimed_until}) as a
 * synchronous request takes one, so the two never deliver an event at the same time.
 *
 * <p>Only the oldest undelivered queued event of a customer (by {@code seq}, arrival order) can be
 * leased, so a customer's events go one after the other in order, whichever instance relays them;
 * {@code FOR UPDATE SKIP LOCKED} lets several relays lease side by side without waiting for each
 * other, and an expired lease (its relay died) is taken over by the next relay that looks.
 */
@Repository
public class EventOutbox {

  /** Where an event of a batch stands once recorded. */
  enum Queued {
    /** To be delivered by the relay (new, or known and not delivered yet). */
    PENDING,
    /** Delivered before: nothing to do. */
    DELIVERED,
    /** Its id was used by the same sender for another payload. */
    CONFLICT
  }

  /** The outcome of recording one event, and the {@code source} of the row that holds it. */
  record Recorded(Queued queued, String rowSource) {}

  /** A position of a batch and the row that holds its event. */
  record Item(int position, String source, String eventId, boolean duplicate) {}

  /** A queued event leased to a relay. {@link #event()} is as its journeys get it. */
  record Leased(
      String source, String rawId, int attempts, Instant receivedAt, CustomerEvent event) {
    String customerId() {
      return event.customerId();
    }
  }

  /** A batch as received. */
  record Batch(UUID id, String source, Instant receivedAt, int size) {}

  /** How far a batch's events have come. */
  record Counts(
      int events,
      int accepted,
      int duplicate,
      int delivered,
      int pending,
      int failed,
      int removed) {}

  /** One position of a batch and what became of its event. */
  record ItemState(
      int position,
      String eventId,
      boolean duplicate,
      boolean removed,
      Instant deliveredAt,
      Instant failedAt,
      String failure,
      List<JourneyRouter.Routing> routings) {}

  /** Queued events not delivered yet, and when the oldest of them was received (null: none). */
  record Backlog(long pending, Instant oldest) {}

  private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {};
  private static final TypeReference<List<JourneyRouter.Routing>> ROUTINGS =
      new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final ObjectMapper json;

  EventOutbox(JdbcClient jdbc, JdbcTemplate template, ObjectMapper json) {
    this.jdbc = jdbc;
    this.template = template;
    this.json = json;
  }

  /**
   * Records the events (distinct ids) for the relay in one statement where they are new, in the
   * given order (their {@code seq}); returns the ids it inserted. The others are known and go
   * through {@link #record} one by one.
   */
  Set<String> insertNew(String source, List<CustomerEvent> events, Instant now) {
    int n = events.size();
    String[] ids = new String[n];
    String[] customers = new String[n];
    String[] types = new String[n];
    String[] occurred = new String[n];
    String[] properties = new String[n];
    for (int i = 0; i < n; i++) {
      CustomerEvent e = events.get(i);
      ids[i] = e.eventId();
      customers[i] = e.customerId();
      types[i] = e.type();
      occurred[i] = e.occurredAt().toString();
      properties[i] = toJson(e.properties());
    }
    return new HashSet<>(
        jdbc.sql(
                """
                insert into inbound_event (source, event_id, customer_id, type, occurred_at,
                    properties, received_at, delivered_at, queued)
                select :source, t.id, t.customer, t.type, cast(t.occurred as timestamptz),
                    cast(t.properties as jsonb), :now, null, true
                from unnest(cast(:ids as text[]), cast(:customers as text[]),
                            cast(:types as text[]), cast(:occurred as text[]),
                            cast(:properties as text[]))
                     with ordinality as t(id, customer, type, occurred, properties, n)
                where not exists (
                    select 1 from inbound_event s where s.source = '*' and s.event_id = t.id)
                order by t.n
                on conflict (source, event_id) do nothing
                returning event_id""")
            .param("source", source)
            .param("now", Timestamp.from(now))
            .param("ids", ids)
            .param("customers", customers)
            .param("types", types)
            .param("occurred", occurred)
            .param("properties", properties)
            .query(String.class)
            .list());
  }

  /**
   * Records the event for the relay unless the source delivered it before; an event known and not
   * delivered yet (a request that failed part way, an earlier batch, an event refused before) is
   * queued again. Meant for the caller's transaction.
   */
  Recorded record(String source, CustomerEvent event, Instant now) {
    String properties = toJson(event.properties());
    int inserted =
        jdbc.sql(
                """
                insert into inbound_event (source, event_id, customer_id, type, occurred_at,
                    properties, received_at, delivered_at, queued)
                select :source, :id, :customer, :type, :occurredAt, cast(:properties as jsonb),
                    :now, null, true
                where not exists (
                    select 1 from inbound_event where source = '*' and event_id = :id)
                on conflict (source, event_id) do nothing""")
            .param("source", source)
            .param("id", event.eventId())
            .param("customer", event.customerId())
            .param("type", event.type())
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .param("properties", properties)
            .param("now", Timestamp.from(now))
            .update();
    if (inserted == 1) {
      return new Recorded(Queued.PENDING, source);
    }
    var known =
        jdbc.sql(
                """
                select source,
                       customer_id = :customer and type = :type and occurred_at = :occurredAt
                           and properties = cast(:properties as jsonb) as same,
                       delivered_at is not null as delivered
                from inbound_event where event_id = :id and source in (:source, '*')
                order by source = '*'
                limit 1
                for update""")
            .param("source", source)
            .param("id", event.eventId())
            .param("customer", event.customerId())
            .param("type", event.type())
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .param("properties", properties)
            .query((rs, n) -> new Known(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3)))
            .single();
    if (!known.same()) {
      return new Recorded(Queued.CONFLICT, known.source());
    }
    if (known.delivered()) {
      return new Recorded(Queued.DELIVERED, known.source());
    }
    // sent again: a refused event is tried afresh (the engine's limits may have changed)
    jdbc.sql(
            """
            update inbound_event set queued = true,
                attempts = case when failed_at is null then attempts else 0 end,
                retry_at = case when failed_at is null then retry_at end,
                failure = null, failed_at = null
            where source = :source and event_id = :id""")
        .param("source", known.source())
        .param("id", event.eventId())
        .update();
    return new Recorded(Queued.PENDING, known.source());
  }

  private record Known(String source, boolean same, boolean delivered) {}

  /** Stores a batch and its positions (in the transaction that recorded its events). */
  void saveBatch(Batch batch, List<Item> items) {
    jdbc.sql(
            """
            insert into event_batch (id, source, received_at, size)
            values (:id, :source, :receivedAt, :size)""")
        .param("id", batch.id())
        .param("source", batch.source())
        .param("receivedAt", Timestamp.from(batch.receivedAt()))
        .param("size", batch.size())
        .update();
    template.batchUpdate(
        """
        insert into event_batch_item (batch_id, position, source, event_id, duplicate)
        values (?, ?, ?, ?, ?)""",
        items,
        500,
        (ps, item) -> {
          ps.setObject(1, batch.id());
          ps.setInt(2, item.position());
          ps.setString(3, item.source());
          ps.setString(4, item.eventId());
          ps.setBoolean(5, item.duplicate());
        });
  }

  /**
   * Leases up to {@code max} queued events, each the oldest undelivered one of its customer, not
   * leased (or its lease expired) and not waiting for a retry. One statement: the lease is taken
   * and committed at once, no transaction stays open while the relay calls Temporal.
   */
  List<Leased> leaseHeads(UUID relay, int max, Instant now, Instant until) {
    return lease(relay, null, max, now, until);
  }

  /** The customer's next event, if it is their oldest undelivered one and free to lease. */
  Optional<Leased> leaseNext(UUID relay, String customerId, Instant now, Instant until) {
    return lease(relay, customerId, 1, now, until).stream().findFirst();
  }

  private List<Leased> lease(UUID relay, String customerId, int max, Instant now, Instant until) {
    if (max <= 0) {
      return List.of();
    }
    return jdbc
        .sql(
            """
            update inbound_event e
               set claimed_by = :relay, claimed_until = :until, attempts = e.attempts + 1
            where (e.source, e.event_id) in (
                select c.source, c.event_id from inbound_event c
                where c.queued and c.delivered_at is null and c.failed_at is null
                  and (cast(:customer as text) is null or c.customer_id = :customer)
                  and (c.claimed_until is null or c.claimed_until < :now)
                  and (c.retry_at is null or c.retry_at <= :now)
                  and not exists (
                      select 1 from inbound_event p
                      where p.customer_id = c.customer_id and p.queued
                        and p.delivered_at is null and p.failed_at is null and p.seq < c.seq)
                order by c.seq
                limit :max
                for update skip locked)
            returning e.source, e.event_id, e.attempts, e.received_at, e.customer_id, e.type,
                e.occurred_at, e.properties::text as properties, e.seq""")
        .param("relay", relay)
        .param("until", Timestamp.from(until))
        .param("customer", customerId)
        .param("now", Timestamp.from(now))
        .param("max", max)
        .query(this::leased)
        .list()
        .stream()
        .sorted(Comparator.comparingLong(Row::seq))
        .map(Row::leased)
        .toList();
  }

  private record Row(long seq, Leased leased) {}

  private Row leased(ResultSet rs, int n) throws SQLException {
    String source = rs.getString("source");
    String rawId = rs.getString("event_id");
    String id =
        source.equals(InboundEventLog.SYSTEM) || source.equals("*") ? rawId : source + "/" + rawId;
    var event =
        new CustomerEvent(
            id,
            rs.getString("customer_id"),
            rs.getString("type"),
            rs.getTimestamp("occurred_at").toInstant(),
            fromJson(rs.getString("properties"), PROPERTIES));
    return new Row(
        rs.getLong("seq"),
        new Leased(
            source,
            rawId,
            rs.getInt("attempts"),
            rs.getTimestamp("received_at").toInstant(),
            event));
  }

  /** Marks a leased event delivered; false if the relay had lost its lease. */
  boolean delivered(Leased event, UUID relay, List<JourneyRouter.Routing> routings, Instant now) {
    return jdbc.sql(
                """
                update inbound_event set delivered_at = :now, routings = cast(:routings as jsonb),
                    claimed_by = null, claimed_until = null, retry_at = null
                where source = :source and event_id = :id and claimed_by = :relay""")
            .param("now", Timestamp.from(now))
            .param("routings", toJson(routings))
            .param("source", event.source())
            .param("id", event.rawId())
            .param("relay", relay)
            .update()
        == 1;
  }

  /** Gives a leased event back, to be tried again not before {@code at}. */
  void retryLater(Leased event, UUID relay, Instant at) {
    jdbc.sql(
            """
            update inbound_event set claimed_by = null, claimed_until = null, retry_at = :at
            where source = :source and event_id = :id and claimed_by = :relay""")
        .param("at", Timestamp.from(at))
        .param("source", event.source())
        .param("id", event.rawId())
        .param("relay", relay)
        .update();
  }

  /** Marks a leased event failed for good: it is reported, not retried. */
  void failed(Leased event, UUID relay, String reason, Instant now) {
    jdbc.sql(
            """
            update inbound_event set failed_at = :now, failure = :reason,
                claimed_by = null, claimed_until = null, retry_at = null
            where source = :source and event_id = :id and claimed_by = :relay""")
        .param("now", Timestamp.from(now))
        .param("reason", reason)
        .param("source", event.source())
        .param("id", event.rawId())
        .param("relay", relay)
        .update();
  }

  /** Gives back every lease of the relay (it stops): another instance takes them at once. */
  int releaseAll(UUID relay) {
    return jdbc.sql(
            """
            update inbound_event set claimed_by = null, claimed_until = null
            where claimed_by = :relay and queued and delivered_at is null""")
        .param("relay", relay)
        .update();
  }

  Backlog backlog() {
    return jdbc.sql(
            """
            select count(*), min(received_at) from inbound_event
            where queued and delivered_at is null and failed_at is null""")
        .query(
            (rs, n) ->
                new Backlog(
                    rs.getLong(1),
                    rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
        .single();
  }

  Optional<Batch> batch(UUID id) {
    return jdbc.sql("select id, source, received_at, size from event_batch where id = :id")
        .param("id", id)
        .query(
            (rs, n) ->
                new Batch(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getInt(4)))
        .optional();
  }

  Counts counts(UUID batch) {
    return jdbc.sql(
            """
            select count(*),
                   count(*) filter (where not i.duplicate),
                   count(*) filter (where i.duplicate),
                   count(*) filter (where not i.duplicate and e.delivered_at is not null),
                   count(*) filter (where not i.duplicate and e.event_id is not null
                                      and e.delivered_at is null and e.failed_at is null),
                   count(*) filter (where not i.duplicate and e.failed_at is not null
                                      and e.delivered_at is null),
                   count(*) filter (where not i.duplicate and e.event_id is null)
            from event_batch_item i
            left join inbound_event e on e.source = i.source and e.event_id = i.event_id
            where i.batch_id = :batch""")
        .param("batch", batch)
        .query(
            (rs, n) ->
                new Counts(
                    rs.getInt(1),
                    rs.getInt(2),
                    rs.getInt(3),
                    rs.getInt(4),
                    rs.getInt(5),
                    rs.getInt(6),
                    rs.getInt(7)))
        .single();
  }

  /** Positions after {@code after}, at most {@code limit}; {@code failedOnly} for the failures. */
  List<ItemState> items(UUID batch, int after, int limit, boolean failedOnly) {
    return jdbc.sql(
            """
            select i.position, i.event_id, i.duplicate, e.event_id is null as removed,
                   e.delivered_at, e.failed_at, e.failure, e.routings::text as routings
            from event_batch_item i
            left join inbound_event e on e.source = i.source and e.event_id = i.event_id
            where i.batch_id = :batch and i.position > :after
              and (not :failedOnly or (not i.duplicate and e.failed_at is not null
                                       and e.delivered_at is null))
            order by i.position
            limit :limit""")
        .param("batch", batch)
        .param("after", after)
        .param("limit", limit)
        .param("failedOnly", failedOnly)
        .query(
            (rs, n) ->
                new ItemState(
                    rs.getInt("position"),
                    rs.getString("event_id"),
                    rs.getBoolean("duplicate"),
                    rs.getBoolean("removed"),
                    instant(rs, "delivered_at"),
                    instant(rs, "failed_at"),
                    rs.getString("failure"),
                    rs.getString("routings") == null
                        ? List.of()
                        : fromJson(rs.getString("routings"), ROUTINGS)))
        .list();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
    }
  }

  private <T> T fromJson(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON unreadable: " + e.getMessage(), e);
    }
  }
}
