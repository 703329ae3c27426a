package dev.journeys.eventlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.event.CustomerEvent;
import java.sql.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every customer event received, once per event id. */
@Repository
public class InboundEventLog {

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public InboundEventLog(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records the event unless its id is known. Returns false for a repeat. Called inside the
   * caller's transaction: a concurrent insert of the same id waits for it and then sees a repeat.
   */
  public boolean recordIfNew(CustomerEvent event) {
    int inserted =
        jdbc.sql(
                """
                insert into inbound_event (event_id, customer_id, type, occurred_at, properties)
                values (:id, :customer, :type, :occurredAt, cast(:properties as jsonb))
                on conflict (event_id) do nothing""")
            .param("id", event.eventId())
            .param("customer", event.customerId())
            .param("type", event.type())
            .param("occurredAt", Timestamp.from(event.occurredAt()))
            .param("properties", toJson(event))
            .update();
    return inserted == 1;
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
