package dev.journeys.customer;

import dev.journeys.messaging.Channel;
import dev.journeys.messaging.Payloads;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a journey may know about a customer when it branches: where they are, how they like to be
 * reached, and free-form profile attributes (tier, loyalty points, product preferences...).
 *
 * @param timeZone IANA zone id, resolved as the policy gate resolves it (the profile's own, else
 *     its region's, else the configured default); null only for a customer the store does not know
 *     (journeys then use UTC)
 * @param preferredChannel null when the customer has not said
 * @param attributes JSON object from the profile; empty when none
 */
public record CustomerProfile(
    String customerId, String timeZone, Channel preferredChannel, Map<String, Object> attributes) {

  public CustomerProfile {
    Objects.requireNonNull(customerId, "customerId");
    attributes = Payloads.copy(attributes);
  }

  /** A profile that knows nothing but the id, for customers the store has not seen. */
  public static CustomerProfile unknown(String customerId) {
    return new CustomerProfile(customerId, null, null, Map.of());
  }

  /** The attribute's value, if the profile has it. */
  public Optional<Object> attribute(String name) {
    return Optional.ofNullable(attributes.get(name));
  }

  /** The customer's zone, UTC when unknown or invalid. */
  public java.time.ZoneId zone() {
    if (timeZone == null) {
      return java.time.ZoneOffset.UTC;
    }
    try {
      return java.time.ZoneId.of(timeZone);
    } catch (java.time.DateTimeException invalid) {
      return java.time.ZoneOffset.UTC;
    }
  }
}
