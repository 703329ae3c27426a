package dev.journeys.event;

import dev.journeys.event.payload.EventPayload;
import dev.journeys.event.payload.PayloadIds;
import dev.journeys.event.payload.PayloadType;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something a customer did or that happened to them, as a backend service reported it.
 *
 * <p>{@code eventId} is the sender's unique id: the API stores it once and ignores repeats, and a
 * journey ignores a second delivery of the same id.
 */
public record CustomerEvent(
    String eventId,
    String customerId,
    String type,
    Instant occurredAt,
    Map<String, Object> properties) {

  public CustomerEvent {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(type, "type");
    properties = dev.journeys.messaging.Payloads.copy(properties);
  }

  /**
   * The properties as the payload record its type declares ({@link EventPayloads}), e.g. an {@link
   * dev.journeys.event.payload.OrderShipped} for {@code order_shipped}; null for a type without
   * one. Ids read as text ({@code 1001} as {@code "1001"}); a declared field of the wrong type (an
   * event recorded before the API checked them) reads as null.
   */
  public EventPayload payload() {
    return EventPayloads.read(type, properties);
  }

  /**
   * The properties read as the given payload record, whatever this event's type; e.g. {@code
   * trigger.payload(OrderPlaced.class)}. Deterministic, so safe in workflow code.
   */
  public <T extends Record> T payload(Class<T> record) {
    return PayloadType.of(record).read(properties);
  }

  /**
   * The property as an id: text, or a number in its one text form ({@code 1001} and {@code 1001.0}
   * as {@code "1001"}); null when absent or neither. For enrollment keys and scopes, which are
   * named by property rather than by a payload field.
   */
  public String id(String property) {
    return PayloadIds.text(properties.get(property));
  }

  /** True when this event is of the given type, e.g. {@code event.is(EventTypes.ORDER_PLACED)}. */
  public boolean is(String eventType) {
    return type.equals(eventType);
  }
}
