package dev.journeys.api.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.event.CustomerEvent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Events that arrived before the enrollment they belong to, e.g. an {@code order_shipped} before
 * its {@code order_placed}: kept in {@code pending_event} under the workflow id they were meant
 * for, for {@code journeys.events.early-event-window} (default 24 h), and handed to the enrollment
 * when it starts, as part of its start (see {@link
 * dev.journeys.journey.Enrollment#earlierEvents()}).
 *
 * <p>Every method is a statement of its own: no transaction is held across the router's Temporal
 * calls. The router looks for the enrollment again after holding an event, and for held events
 * again after starting one ({@link JourneyRouter}), so an event is either signalled to the
 * enrollment or found by its start, never neither. A window of zero turns holding off: such events
 * are answered {@code not-running}.
 */
@Component
public class PendingEvents {

  private static final TypeReference<Map<String, Object>> PROPERTIES = new TypeReference<>() {};

  /** Expired rows removed per hold, so the table stays small without a scheduler. */
  private static final int PURGE_BATCH = 100;

  private final JdbcClient jdbc;
  private final ObjectMapper json;
  private final Clock clock;
  private final Duration window;

  @Autowired
  public PendingEvents(
      JdbcClient jdbc,
      ObjectMapper json,
      Clock clock,
      @Value("${journeys.events.early-event-window:24h}") Duration window) {
    if (window.isNegative()) {
      throw new IllegalArgumentException("journeys.events.early-event-window must not be negative");
    }
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.window = window;
  }

  /** Holding turned off: nothing is kept, nothing is handed over. */
  public static PendingEvents off() {
    return new PendingEvents(null, null, Clock.systemUTC(), Duration.ZERO);
  }

  boolean enabled() {
    return !window.isZero();
  }

  /** Keeps an event for the enrollment {@code workflowId}; false when holding is off. */
  boolean hold(String workflowId, String journey, CustomerEvent event) {
    if (!enabled()) {
      return false;
    }
    Instant now = clock.instant();
    jdbc.sql(
            """
            delete from pending_event where ctid in (
                select ctid from pending_event where expires_at < :now limit :batch)""")
        .param("now", Timestamp.from(now))
        .param("batch", PURGE_BATCH)
        .update();
    jdbc.sql(
            """
            insert into pending_event (workflow_id, event_id, journey, customer_id, type,
                occurred_at, properties, held_at, expires_at)
            values (:workflowId, :eventId, :journey, :customer, :type, :occurredAt,
                cast(:properties as jsonb), :now, :expires)
            on conflict (workflow_id, event_id) do nothing""")
        .param("workflowId", workflowId)
        .param("eventId", event.eventId())
        .param("journey", journey)
        .param("customer", event.customerId())
        .param("type", event.type())
        .param("occurredAt", Timestamp.from(event.occurredAt()))
        .param("properties", write(event.properties()))
        .param("now", Timestamp.from(now))
        .param("expires", Timestamp.from(now.plus(window)))
        .update();
    return true;
  }

  /**
   * The events waiting for an enrollment that is about to start with {@code trigger}, oldest first.
   * An enrollment of its own entity ({@code keyed}: one order, one ticket) gets every event held
   * for it; a per-customer enrollment only those that happened at or after its trigger, so last
   * week's order does not convert today's abandoned cart while one that merely arrived first does.
   */
  List<CustomerEvent> waitingFor(String workflowId, CustomerEvent trigger, boolean keyed) {
    if (!enabled()) {
      return List.of();
    }
    return jdbc.sql(
            """
            select event_id, customer_id, type, occurred_at, properties::text as properties
            from pending_event
            where workflow_id = :workflowId and delivered_at is null and expires_at > :now
              and event_id <> :triggerId and (:keyed or occurred_at >= :triggeredAt)
            order by occurred_at, held_at, event_id""")
        .param("workflowId", workflowId)
        .param("now", Timestamp.from(clock.instant()))
        .param("triggerId", trigger.eventId())
        .param("keyed", keyed)
        .param("triggeredAt", Timestamp.from(trigger.occurredAt()))
        .query(
            (rs, n) ->
                new CustomerEvent(
                    rs.getString("event_id"),
                    rs.getString("customer_id"),
                    rs.getString("type"),
                    rs.getTimestamp("occurred_at").toInstant(),
                    read(rs.getString("properties"))))
        .list();
  }

  /** Marks events as handed to the enrollment that started with them. */
  void delivered(String workflowId, List<CustomerEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            update pending_event set delivered_at = :now
            where workflow_id = :workflowId and event_id in (:ids) and delivered_at is null""")
        .param("now", Timestamp.from(clock.instant()))
        .param("workflowId", workflowId)
        .param("ids", events.stream().map(CustomerEvent::eventId).toList())
        .update();
  }

  private String write(Map<String, Object> properties) {
    try {
      return json.writeValueAsString(properties);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event properties are not JSON: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> read(String properties) {
    try {
      return json.readValue(properties, PROPERTIES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored event properties are not JSON", e);
    }
  }
}
