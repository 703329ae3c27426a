package dev.journeys.journey;

import dev.journeys.event.EventTypes;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every journey Journeys runs: which events start it and which it listens to. The API routes
 * incoming events with it; the worker registers the implementations.
 */
public final class JourneyCatalog {

  /** The task queue all journeys and their activities run on. */
  public static final String TASK_QUEUE = "journeys";

  public static final JourneyDefinition ABANDONED_CART =
      new JourneyDefinition(
          "abandoned-cart",
          "AbandonedCart",
          Set.of(EventTypes.CART_ABANDONED),
          Set.of(EventTypes.ORDER_PLACED));

  private static final List<JourneyDefinition> ALL = List.of(ABANDONED_CART);

  private JourneyCatalog() {}

  public static List<JourneyDefinition> all() {
    return ALL;
  }

  public static Optional<JourneyDefinition> byName(String name) {
    return ALL.stream().filter(j -> j.name().equals(name)).findFirst();
  }

  /** True when at least one journey is started by, or listens to, this event type. */
  public static boolean knows(String eventType) {
    return ALL.stream().anyMatch(j -> j.isTriggeredBy(eventType) || j.listensTo(eventType));
  }

  /** The deterministic workflow id of a customer's enrollment in a journey. */
  public static String workflowId(String journey, String customerId) {
    return "journey/" + journey + "/" + customerId;
  }
}
