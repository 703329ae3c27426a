package dev.journeys.event;

import dev.journeys.event.payload.CartAbandoned;
import dev.journeys.event.payload.CustomerSignedUp;
import dev.journeys.event.payload.DeliveryDelay;
import dev.journeys.event.payload.EventPayload;
import dev.journeys.event.payload.FieldProblem;
import dev.journeys.event.payload.MessageReceipt;
import dev.journeys.event.payload.OrderDelivered;
import dev.journeys.event.payload.OrderPlaced;
import dev.journeys.event.payload.OrderShipped;
import dev.journeys.event.payload.PayloadType;
import dev.journeys.event.payload.ProductBackInStock;
import dev.journeys.event.payload.TicketOpened;
import dev.journeys.event.payload.TicketResolved;
import dev.journeys.event.payload.Unsubscribed;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each event type's declared payload: the one place that says which record an event type's
 * properties are, and which of its fields an event must carry. The API checks incoming events
 * against it (a wrong type or a missing required field is a 400 naming the property) and the
 * journeys read events through it ({@link CustomerEvent#payload()}).
 */
public final class EventPayloads {

  private static final Map<String, PayloadType<?>> BY_TYPE = new LinkedHashMap<>();

  static {
    register(EventTypes.CART_ABANDONED, PayloadType.of(CartAbandoned.class));
    register(EventTypes.ORDER_PLACED, PayloadType.of(OrderPlaced.class));
    register(EventTypes.ORDER_SHIPPED, PayloadType.of(OrderShipped.class));
    register(EventTypes.ORDER_DELIVERED, PayloadType.of(OrderDelivered.class));
    register(EventTypes.DELIVERY_DELAYED, PayloadType.of(DeliveryDelay.class));
    register(EventTypes.TICKET_OPENED, PayloadType.of(TicketOpened.class));
    register(EventTypes.TICKET_RESOLVED, PayloadType.of(TicketResolved.class, "ticketId"));
    register(EventTypes.CUSTOMER_SIGNED_UP, PayloadType.of(CustomerSignedUp.class));
    register(EventTypes.UNSUBSCRIBED, PayloadType.of(Unsubscribed.class));
    register(EventTypes.BACK_IN_STOCK, PayloadType.of(ProductBackInStock.class, "productId"));
    var receipt =
        PayloadType.of(
            MessageReceipt.class, "idempotencyKey", "channel", "providerMessageId", "status");
    register(EventTypes.MESSAGE_DELIVERED, receipt);
    register(EventTypes.MESSAGE_FAILED, receipt);
  }

  private EventPayloads() {}

  private static void register(String eventType, PayloadType<?> payload) {
    if (!EventPayload.class.isAssignableFrom(payload.record())) {
      throw new IllegalArgumentException(payload.record() + " is no EventPayload");
    }
    BY_TYPE.put(eventType, payload);
  }

  /** Every event type with a declared payload, in a stable order. */
  public static Map<String, PayloadType<?>> all() {
    return Collections.unmodifiableMap(BY_TYPE);
  }

  /** The event type's declared payload, if it has one. */
  public static Optional<PayloadType<?>> of(String eventType) {
    return Optional.ofNullable(BY_TYPE.get(eventType));
  }

  /**
   * What is wrong with an event's properties for its type: missing required fields and declared
   * fields of the wrong type. Undeclared properties are never a problem; a type without a declared
   * payload has none.
   */
  public static List<FieldProblem> problems(String eventType, Map<String, Object> properties) {
    return of(eventType).map(p -> p.problems(properties)).orElse(List.of());
  }

  /** The properties as the type's record, or null when the type declares no payload. */
  static EventPayload read(String eventType, Map<String, Object> properties) {
    PayloadType<?> payload = BY_TYPE.get(eventType);
    return payload == null ? null : (EventPayload) payload.read(properties);
  }
}
