package dev.journeys.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.event.CustomerEvent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every customer event received, once per source and event id. The source is the API key that sent
 * it ({@link #SYSTEM} for events the API makes itself); ids recorded before ids were scoped to keys
 * have source {@code *} and stay taken for every key.
 *
 * <p>An event is recorded first and delivered to its journeys after: a request claims the events it
 * delivers for a while ({@code claimed_by}, {@code claimed_until}), so two requests carrying the
 * same event do not both deliver it, and a request that died leaves a claim that expires.
 */
@Repository
public class InboundEventLog {

  /** The source of events the API emits itself (consent withdrawals announced to journeys). */
  public static final String SYSTEM = "journeys";

  /** Where an event stands after {@link #record}. */
  public enum Recorded {
    /** First seen now; claimed for delivery by the caller. */
    NEW,
    /** Seen before with the same payload, never delivered; claimed for delivery by the caller. */
    UNDELIVERED,
    /** Seen before with the same payload and delivered. */
    DELIVERED,
    /** Seen before with the same payload, being delivered by another request right now. */
    IN_FLIGHT,
    /** Seen before from this source with a different payload. */
    CONFLICT
  }

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public InboundEventLog(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records the event unless its id is known for the source, and claims it for delivery by {@code
   * claimant} until {@code until} when it is not delivered yet. Meant for the caller's transaction:
   * a concurrent insert of the same id waits for it and then sees the event as known.
   */
  public Recorded record(
      String source, CustomerEvent event, UUID claimant, Instant now, Instant until) {
    String properties = toJson(event);
    int inserted =
        jdbc.sql(
                """
                insert into inbound_event (source, event_id, customer_id, type, occurred_at,
                    properties, delivered_at, claimed_by, claimed_until)
                select :source, :id, :customer, :type, :occurredAt, cast(:properties as jsonb),
                    null, :claimant, :until
                where not exists (
                    select 1 from inbound_event where source = '*' and event_id = :id)
                on conflict (source, event_id) do nothing""")
            .param("source", source)
            .param("id", event.eventId())
            .param("customer", event.customerId())
            .param("type", event.type())
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .param("properties", properties)
            .param("claimant", claimant)
            .param("until", Timestamp.from(until))
            .update();
    if (inserted == 1) {
      return Recorded.NEW;
    }
    var known =
        jdbc.sql(
                """
                select source,
                       customer_id = :customer and type = :type and occurred_at = :occurredAt
                           and properties = cast(:properties as jsonb) as same,
                       delivered_at is not null as delivered,
                       claimed_until is not null and claimed_until >= :now as claimed
                from inbound_event where event_id = :id and source in (:source, '*')
                order by source = '*'
                limit 1""")
            .param("source", source)
            .param("id", event.eventId())
            .param("customer", event.customerId())
            .param("type", event.type())
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .param("properties", properties)
            .param("now", Timestamp.from(now))
            .query(
                (rs, n) ->
                    new Known(
                        rs.getString("source"),
                        rs.getBoolean("same"),
                        rs.getBoolean("delivered"),
                        rs.getBoolean("claimed")))
            .single();
    if (!known.same()) {
      return Recorded.CONFLICT;
    }
    if (known.delivered()) {
      return Recorded.DELIVERED;
    }
    if (known.claimed()) {
      return Recorded.IN_FLIGHT;
    }
    int claimed =
        jdbc.sql(
                """
                update inbound_event set claimed_by = :claimant, claimed_until = :until
                where source = :source and event_id = :id and delivered_at is null
                  and (claimed_until is null or claimed_until < :now)""")
            .param("claimant", claimant)
            .param("until", Timestamp.from(until))
            .param("source", known.source())
            .param("id", event.eventId())
            .param("now", Timestamp.from(now))
            .update();
    return claimed == 1 ? Recorded.UNDELIVERED : Recorded.IN_FLIGHT;
  }

  private record Known(String source, boolean same, boolean delivered, boolean claimed) {}

  /** Marks an event the claimant delivered to every journey. */
  public void delivered(String source, String eventId, UUID claimant, Instant now) {
    jdbc.sql(
            """
            update inbound_event set delivered_at = :now, claimed_by = null, claimed_until = null
            where source = :source and event_id = :id and claimed_by = :claimant""")
        .param("now", Timestamp.from(now))
        .param("source", source)
        .param("id", eventId)
        .param("claimant", claimant)
        .update();
  }

  /**
   * Gives up the claimant's claim on events it did not deliver, so a retry delivers them at once.
   */
  public void release(String source, List<String> eventIds, UUID claimant) {
    if (eventIds.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update inbound_event set claimed_by = null, claimed_until = null
            where source = :source and event_id in (:ids) and claimed_by = :claimant
              and delivered_at is null""")
        .param("source", source)
        .param("ids", eventIds)
        .param("claimant", claimant)
        .update();
  }

  /**
   * Removes an event the journeys refused for good (too large, invalid): it was never accepted, so
   * a corrected event may reuse its id.
   */
  public void forget(String source, String eventId, UUID claimant) {
    jdbc.sql(
            """
            delete from inbound_event
            where source = :source and event_id = :id and claimed_by = :claimant
              and delivered_at is null""")
        .param("source", source)
        .param("id", eventId)
        .param("claimant", claimant)
        .update();
  }

  public long countFor(String customerId) {
    return jdbc.sql("select count(*) from inbound_event where customer_id = :c")
        .param("c", customerId)
        .query(Long.class)
        .single();
  }

  private String toJson(CustomerEvent event) {
    try {
      return json.writeValueAsString(event.properties());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event properties are not JSON: " + e.getMessage(), e);
    }
  }
}
