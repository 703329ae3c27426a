package dev.journeys.event;

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

  /** True when this event is of the given type, e.g. {@code event.is(EventTypes.ORDER_PLACED)}. */
  public boolean is(String eventType) {
    return type.equals(eventType);
  }
}
