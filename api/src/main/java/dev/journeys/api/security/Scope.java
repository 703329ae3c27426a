package dev.journeys.api.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What an API key may do. Each endpoint needs one scope (the template preview two: it renders a
 * customer's profile); {@link #ADMIN} manages the keys themselves.
 */
public enum Scope {
  EVENTS_WRITE("events:write"),
  CUSTOMERS_READ("customers:read"),
  CUSTOMERS_WRITE("customers:write"),
  TEMPLATES_WRITE("templates:write"),
  /** Suppressions, experiments, restocks, enrollments and the operational actuator endpoints. */
  OPERATOR("operator"),
  ADMIN("admin");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  /** The scope as keys carry it and the API shows it, e.g. {@code events:write}. */
  public String value() {
    return value;
  }

  public static Optional<Scope> of(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
