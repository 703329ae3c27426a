package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import java.util.Objects;

/**
 * A customer entering a journey: the journey's name, the customer, and the event that triggered
 * it.
 */
public record Enrollment(String journey, String customerId, CustomerEvent trigger) {
  public Enrollment {
    Objects.requireNonNull(journey, "journey");
    Objects.requireNonNull(customerId, "customerId");
  }
}
