package dev.journeys.api.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.api.customer.CustomerView;
import dev.journeys.customer.Customer;
import dev.journeys.customer.CustomerProfiles;
import dev.journeys.customer.PushToken;
import dev.journeys.messaging.Channel;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.postgresql.util.PGobject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The right of access: everything held about a customer, as one JSON document. Each section is
 * every row of the customer's in that table, so a column added later is exported without a change
 * here; JSON columns are embedded as JSON and timestamps written as ISO-8601.
 */
@Component
public class CustomerExport {

  private final CustomerProfiles profiles;
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  public CustomerExport(CustomerProfiles profiles, JdbcClient jdbc, ObjectMapper json) {
    this.profiles = profiles;
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The export, or empty if nothing at all is held about the customer. */
  @Transactional(readOnly = true)
  public Optional<Map<String, Object>> export(String customerId) {
    Optional<Customer> customer = profiles.find(customerId);
    Map<String, Object> sections = new LinkedHashMap<>();
    sections.put("consentHistory", rows("consent_change", "changed_at, id", customerId));
    sections.put("messages", rows("message_ledger", "created_at, idempotency_key", customerId));
    sections.put(
        "enrollments", rows("journey_enrollment", "entered_at, enrollment_id", customerId));
    sections.put("events", rows("inbound_event", "received_at, event_id", customerId));
    sections.put("pendingEvents", rows("pending_event", "held_at, event_id", customerId));
    sections.put("stockSubscriptions", rows("stock_subscription", "subscribed_at", customerId));
    sections.put("channelActivity", rows("customer_channel_activity", "channel", customerId));
    sections.put(
        "suppressionEvents", rows("address_suppression_event", "occurred_at, id", customerId));
    sections.put("suppressions", suppressions(customer));
    boolean nothing =
        customer.isEmpty() && sections.values().stream().allMatch(s -> ((List<?>) s).isEmpty());
    if (nothing) {
      return Optional.empty();
    }
    Map<String, Object> export = new LinkedHashMap<>();
    export.put("customerId", customerId);
    export.put(
        "profile",
        customer.map(c -> new CustomerView(c, profiles.attributes(customerId))).orElse(null));
    export.putAll(sections);
    return Optional.of(export);
  }

  /** The suppression list's entries for any address of the customer's. */
  private List<Map<String, Object>> suppressions(Optional<Customer> customer) {
    if (customer.isEmpty()) {
      return List.of();
    }
    List<String> addresses = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      customer.get().addressOn(channel).ifPresent(addresses::add);
    }
    customer.get().pushTokens().stream().map(PushToken::token).forEach(addresses::add);
    if (addresses.isEmpty()) {
      return List.of();
    }
    return convert(
        jdbc.sql(
                "select * from suppressed_address where address in (:addresses)"
                    + " order by created_at, channel")
            .param("addresses", addresses)
            .query()
            .listOfRows());
  }

  private List<Map<String, Object>> rows(String table, String order, String customerId) {
    // table and order are constants of this class, never input
    return convert(
        jdbc.sql("select * from " + table + " where customer_id = :customer order by " + order)
            .param("customer", customerId)
            .query()
            .listOfRows());
  }

  private List<Map<String, Object>> convert(List<Map<String, Object>> rows) {
    List<Map<String, Object>> converted = new ArrayList<>(rows.size());
    for (var row : rows) {
      Map<String, Object> out = new LinkedHashMap<>();
      row.forEach((column, value) -> out.put(column, value(value)));
      converted.add(out);
    }
    return converted;
  }

  private Object value(Object value) {
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    if (value instanceof PGobject pg && pg.getType() != null && pg.getType().startsWith("json")) {
      try {
        return pg.getValue() == null ? null : json.readTree(pg.getValue());
      } catch (JsonProcessingException e) {
        return pg.getValue();
      }
    }
    if (value instanceof PGobject pg) {
      return pg.getValue();
    }
    return value;
  }
}
