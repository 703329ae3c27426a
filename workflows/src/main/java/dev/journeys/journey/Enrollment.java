package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import dev.journeys.event.payload.PayloadType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A customer entering a journey: the journey's name, the customer, and the event that triggered it.
 *
 * @param carryover null on enrollment; set by {@link Journey} when the journey continues as new
 * @param earlierEvents events for this enrollment that arrived before it started (an {@code
 *     order_shipped} before its {@code order_placed}), oldest first, which the API kept and hands
 *     over with the start; empty in histories recorded before the field existed and after
 *     continue-as-new (the carryover has them)
 */
public record Enrollment(
    String journey,
    String customerId,
    CustomerEvent trigger,
    JourneyCarryover carryover,
    List<CustomerEvent> earlierEvents) {
  public Enrollment {
    Objects.requireNonNull(journey, "journey");
    Objects.requireNonNull(customerId, "customerId");
    earlierEvents = earlierEvents == null ? List.of() : List.copyOf(earlierEvents);
  }

  public Enrollment(String journey, String customerId, CustomerEvent trigger) {
    this(journey, customerId, trigger, null, List.of());
  }

  public Enrollment(
      String journey, String customerId, CustomerEvent trigger, JourneyCarryover carryover) {
    this(journey, customerId, trigger, carryover, List.of());
  }

  /** An enrollment that starts with events which arrived before it. */
  public static Enrollment withEarlierEvents(
      String journey, String customerId, CustomerEvent trigger, List<CustomerEvent> earlier) {
    return new Enrollment(journey, customerId, trigger, null, earlier);
  }

  /** The triggering event's properties, or none when there was no trigger. */
  public java.util.Map<String, Object> triggerProperties() {
    return trigger == null ? java.util.Map.of() : trigger.properties();
  }

  /**
   * The triggering event's properties as a payload record (see {@link
   * CustomerEvent#payload(Class)}), every field null when there was no trigger.
   */
  public <T extends Record> T triggerPayload(Class<T> record) {
    return trigger == null ? PayloadType.of(record).read(Map.of()) : trigger.payload(record);
  }

  Enrollment continuedWith(JourneyCarryover state) {
    // the earlier events are in the carryover's inbox by now
    return new Enrollment(journey, customerId, trigger, state, List.of());
  }
}
