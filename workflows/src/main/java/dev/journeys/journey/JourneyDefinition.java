package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import java.util.Optional;
import java.util.Set;

/**
 * A journey as the router sees it.
 *
 * @param name stable name, part of the workflow id and the {@code Journey} search attribute
 * @param workflowType the Temporal workflow type of its implementation
 * @param triggers event types that enrol a customer (signal-with-start)
 * @param listensTo further event types delivered to a running enrollment (plain signal)
 * @param reentry what a trigger does while the customer is (or recently was) enrolled
 * @param enrollmentKey the event property a customer is enrolled per (e.g. {@code orderId}: one
 *     enrollment per order), or null for one enrollment per customer
 */
public record JourneyDefinition(
    String name,
    String workflowType,
    Set<String> triggers,
    Set<String> listensTo,
    Reentry reentry,
    String enrollmentKey) {

  /** The longest enrollment key value that may become part of a workflow id. */
  public static final int MAX_ENROLLMENT_KEY_LENGTH = 200;

  public JourneyDefinition {
    triggers = Set.copyOf(triggers);
    listensTo = Set.copyOf(listensTo);
    reentry = reentry == null ? Reentry.ignoreWhileRunning() : reentry;
  }

  /** A journey with one enrollment per customer and the given re-entry policy. */
  public JourneyDefinition(
      String name,
      String workflowType,
      Set<String> triggers,
      Set<String> listensTo,
      Reentry reentry) {
    this(name, workflowType, triggers, listensTo, reentry, null);
  }

  /** A journey that ignores triggers while an enrollment runs. */
  public JourneyDefinition(
      String name, String workflowType, Set<String> triggers, Set<String> listensTo) {
    this(name, workflowType, triggers, listensTo, Reentry.ignoreWhileRunning());
  }

  /** The same journey with another re-entry policy. */
  public JourneyDefinition withReentry(Reentry policy) {
    return new JourneyDefinition(name, workflowType, triggers, listensTo, policy, enrollmentKey);
  }

  /**
   * The same journey enrolling a customer once per value of an event property (e.g. {@code
   * "orderId"}), so that a second order starts its own enrollment instead of joining the first. Its
   * triggers and listened events are routed to {@code journey/<name>/<customer>/<value>}.
   */
  public JourneyDefinition enrolledPer(String property) {
    if (property == null || property.isBlank()) {
      throw new IllegalArgumentException("journey " + name + ": enrolledPer needs a property name");
    }
    return new JourneyDefinition(name, workflowType, triggers, listensTo, reentry, property);
  }

  public boolean isTriggeredBy(String eventType) {
    return triggers.contains(eventType);
  }

  public boolean listensTo(String eventType) {
    return listensTo.contains(eventType);
  }

  /** True when this journey triggers on or listens to the event type. */
  public boolean uses(String eventType) {
    return isTriggeredBy(eventType) || listensTo(eventType);
  }

  /** The per-customer workflow id (the only one for a journey without an enrollment key). */
  public String workflowId(String customerId) {
    return JourneyCatalog.workflowId(name, customerId);
  }

  /**
   * The workflow id of the enrollment an event belongs to: per enrollment key value when the
   * journey has a key and the event carries a valid value for it, else per customer (an event
   * without the key, e.g. an order placed by an old client without {@code orderId}, enrols or
   * reaches the customer's single enrollment as before).
   */
  public String workflowId(CustomerEvent event) {
    return enrollmentKeyValue(event)
        .map(value -> workflowId(event.customerId()) + "/" + value)
        .orElseGet(() -> workflowId(event.customerId()));
  }

  /** The event's value of this journey's enrollment key, if it has a key and a usable value. */
  public Optional<String> enrollmentKeyValue(CustomerEvent event) {
    if (enrollmentKey == null) {
      return Optional.empty();
    }
    Object value = event.properties().get(enrollmentKey);
    if (value == null || invalidEnrollmentKey(value) != null) {
      return Optional.empty();
    }
    return Optional.of(String.valueOf(value));
  }

  /**
   * Why a value cannot be part of a workflow id, or null when it can: it must be a string or a
   * number, not blank, without {@code /} and at most {@value #MAX_ENROLLMENT_KEY_LENGTH}
   * characters.
   */
  public static String invalidEnrollmentKey(Object value) {
    if (!(value instanceof String) && !(value instanceof Number)) {
      return "must be a string or a number";
    }
    String text = String.valueOf(value);
    if (text.isBlank()) {
      return "must not be blank";
    }
    if (text.contains("/")) {
      return "must not contain '/'";
    }
    if (text.length() > MAX_ENROLLMENT_KEY_LENGTH) {
      return "must be at most " + MAX_ENROLLMENT_KEY_LENGTH + " characters";
    }
    return null;
  }
}
