package dev.journeys.journey;

import dev.journeys.event.CustomerEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A journey: everything the platform needs to know about it, declared once in the journey's own
 * package (e.g. {@code AbandonedCart.DEFINITION}) and listed in {@code
 * dev.journeys.catalog.JourneyCatalog}. The API routes events with it; the worker registers its
 * workflows with their settings; the replay test, the history recorder and the template checks walk
 * it.
 *
 * <pre>{@code
 * public static final JourneyDefinition DEFINITION =
 *     JourneyDefinition.named("abandoned-cart")
 *         .triggeredBy(EventTypes.CART_ABANDONED)
 *         .listensTo(EventTypes.ORDER_PLACED)
 *         .sends(CART_REMINDER, LAST_CALL_BY_SMS, LAST_CALL_BY_EMAIL)
 *         .runs(JourneyWorkflow.configured(AbandonedCartJourney.class, "journeys.abandoned-cart",
 *             AbandonedCartSettings.DEFAULTS, AbandonedCartJourneyImpl::new))
 *         .build();
 * }</pre>
 *
 * @param name stable name, part of the workflow id and the {@code Journey} search attribute
 * @param workflowType the Temporal workflow type of its implementation
 * @param triggers event types that enrol a customer (signal-with-start)
 * @param listensTo further event types delivered to a running enrollment (plain signal)
 * @param reentry what a trigger does while the customer is (or recently was) enrolled
 * @param enrollmentKey the event property a customer is enrolled per (e.g. {@code orderId}: one
 *     enrollment per order), or null for one enrollment per customer
 * @param workflows the workflows the worker runs for it, the enrollment's own first (its type is
 *     {@code workflowType}); empty for a definition only routed to (tests)
 * @param messages every message it may send: each needs a template per channel, under {@code
 *     journeys/<name>/templates/<message-key>/<channel>.txt} on the classpath
 * @param claims listened event types it takes for itself: such an event that carries this journey's
 *     enrollment key and reaches a running enrollment of it enrols no other journey (a ticket about
 *     a delayed order is the delay journey's handoff, not a second one)
 */
public record JourneyDefinition(
    String name,
    String workflowType,
    Set<String> triggers,
    Set<String> listensTo,
    Reentry reentry,
    String enrollmentKey,
    List<JourneyWorkflow<?>> workflows,
    List<Message> messages,
    Set<String> claims) {

  /** The task queue all journeys and their activities run on. */
  public static final String TASK_QUEUE = "journeys";

  /** The deterministic workflow id of a customer's enrollment in a journey. */
  public static String workflowId(String journey, String customerId) {
    return "journey/" + journey + "/" + customerId;
  }

  /** The longest enrollment key value that may become part of a workflow id. */
  public static final int MAX_ENROLLMENT_KEY_LENGTH = 200;

  public JourneyDefinition {
    triggers = Set.copyOf(triggers);
    listensTo = Set.copyOf(listensTo);
    reentry = reentry == null ? Reentry.ignoreWhileRunning() : reentry;
    workflows = workflows == null ? List.of() : List.copyOf(workflows);
    messages = messages == null ? List.of() : List.copyOf(messages);
    claims = claims == null ? Set.of() : Set.copyOf(claims);
    if (!claims.isEmpty() && (enrollmentKey == null || !listensTo.containsAll(claims))) {
      throw new IllegalArgumentException(
          "journey " + name + ": it can only claim events it listens to, per enrollment key");
    }
    if (!workflows.isEmpty() && !workflows.getFirst().workflowType().equals(workflowType)) {
      throw new IllegalArgumentException(
          "journey " + name + ": its first workflow must be of type " + workflowType);
    }
  }

  /** A journey that claims no events. */
  public JourneyDefinition(
      String name,
      String workflowType,
      Set<String> triggers,
      Set<String> listensTo,
      Reentry reentry,
      String enrollmentKey,
      List<JourneyWorkflow<?>> workflows,
      List<Message> messages) {
    this(
        name,
        workflowType,
        triggers,
        listensTo,
        reentry,
        enrollmentKey,
        workflows,
        messages,
        Set.of());
  }

  /** A journey only routed to, with one enrollment per value of the key (or per customer). */
  public JourneyDefinition(
      String name,
      String workflowType,
      Set<String> triggers,
      Set<String> listensTo,
      Reentry reentry,
      String enrollmentKey) {
    this(name, workflowType, triggers, listensTo, reentry, enrollmentKey, List.of(), List.of());
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

  /** Starts the definition of a journey; see the example above. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The same journey with another re-entry policy. */
  public JourneyDefinition withReentry(Reentry policy) {
    return new JourneyDefinition(
        name,
        workflowType,
        triggers,
        listensTo,
        policy,
        enrollmentKey,
        workflows,
        messages,
        claims);
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
    return new JourneyDefinition(
        name, workflowType, triggers, listensTo, reentry, property, workflows, messages, claims);
  }

  public boolean isTriggeredBy(String eventType) {
    return triggers.contains(eventType);
  }

  public boolean listensTo(String eventType) {
    return listensTo.contains(eventType);
  }

  /** True when this journey claims events of the type (see {@code claims}). */
  public boolean claims(String eventType) {
    return claims.contains(eventType);
  }

  /** True when this journey triggers on or listens to the event type. */
  public boolean uses(String eventType) {
    return isTriggeredBy(eventType) || listensTo(eventType);
  }

  /** The per-customer workflow id (the only one for a journey without an enrollment key). */
  public String workflowId(String customerId) {
    return workflowId(name, customerId);
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
    // the id's one text form, so that the journey matches what routing keyed it by (1001 = "1001")
    String value = event.id(enrollmentKey);
    if (value == null || invalidEnrollmentKey(event.properties().get(enrollmentKey)) != null) {
      return Optional.empty();
    }
    return Optional.of(value);
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

  /** The workflow interface of the enrollment itself (the one {@code workflowType} names). */
  public Class<?> workflowInterface() {
    if (workflows.isEmpty()) {
      throw new IllegalStateException("journey " + name + " declares no workflow");
    }
    return workflows.getFirst().type();
  }

  /** Collects a journey's definition, one fact per line; {@link #build()} checks it. */
  public static final class Builder {
    private final String name;
    private final Set<String> triggers = new LinkedHashSet<>();
    private final Set<String> listensTo = new LinkedHashSet<>();
    private final List<JourneyWorkflow<?>> workflows = new ArrayList<>();
    private final List<Message> messages = new ArrayList<>();
    private final Set<String> claims = new LinkedHashSet<>();
    private Reentry reentry = Reentry.ignoreWhileRunning();
    private String enrollmentKey;

    private Builder(String name) {
      if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
        throw new IllegalArgumentException(
            "a journey name is lower-case words joined by '-', was " + name);
      }
      this.name = name;
    }

    /** Event types that enrol a customer. */
    public Builder triggeredBy(String... eventTypes) {
      triggers.addAll(List.of(eventTypes));
      return this;
    }

    /** Further event types delivered to a running enrollment (its goals, exits and waits). */
    public Builder listensTo(String... eventTypes) {
      listensTo.addAll(List.of(eventTypes));
      return this;
    }

    /** What a trigger does while the customer is, or recently was, enrolled. */
    public Builder reentry(Reentry policy) {
      this.reentry = policy;
      return this;
    }

    /** One enrollment per value of this event property; see {@link #enrolledPer(String)}. */
    public Builder enrolledPer(String property) {
      this.enrollmentKey = property;
      return this;
    }

    /**
     * Listened event types a running enrollment takes for itself when the event carries its
     * enrollment key: no other journey enrols on such an event.
     */
    public Builder claims(String... eventTypes) {
      claims.addAll(List.of(eventTypes));
      return this;
    }

    /** Messages the journey may send (their {@code static final} constants). */
    public Builder sends(Message... sent) {
      return sends(List.of(sent));
    }

    public Builder sends(java.util.Collection<Message> sent) {
      messages.addAll(sent);
      return this;
    }

    /** The enrollment's workflow (the first call) and any further workflow it needs. */
    public Builder runs(JourneyWorkflow<?> workflow) {
      workflows.add(workflow);
      return this;
    }

    public JourneyDefinition build() {
      if (workflows.isEmpty()) {
        throw new IllegalStateException("journey " + name + " runs no workflow");
      }
      if (enrollmentKey != null && enrollmentKey.isBlank()) {
        throw new IllegalArgumentException(
            "journey " + name + ": enrolledPer needs a property name");
      }
      return new JourneyDefinition(
          name,
          workflows.getFirst().workflowType(),
          triggers,
          listensTo,
          reentry,
          enrollmentKey,
          workflows,
          messages,
          claims);
    }
  }
}
