package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import java.util.Objects;

/**
 * A customer entering a journey: the journey's name, the customer, and the event that triggered it.
 *
 * @param carryover null on enrollment; set by {@link Journey} when the journey continues as new
 */
public record Enrollment(
    String journey, String customerId, CustomerEvent trigger, JourneyCarryover carryover) {
  public Enrollment {
    Objects.requireNonNull(journey, "journey");
    Objects.requireNonNull(customerId, "customerId");
  }

  public Enrollment(String journey, String customerId, CustomerEvent trigger) {
    this(journey, customerId, trigger, null);
  }

  /** The triggering event's properties, or none when there was no trigger. */
  public java.util.Map<String, Object> triggerProperties() {
    return trigger == null ? java.util.Map.of() : trigger.properties();
  }

  Enrollment continuedWith(JourneyCarryover state) {
    return new Enrollment(journey, customerId, trigger, state);
  }
}
