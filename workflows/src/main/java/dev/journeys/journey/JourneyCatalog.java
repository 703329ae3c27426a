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

  public static final JourneyDefinition WELCOME_SERIES =
      new JourneyDefinition(
          "welcome-series",
          "WelcomeSeries",
          Set.of(EventTypes.CUSTOMER_SIGNED_UP),
          Set.of(EventTypes.ORDER_PLACED, EventTypes.UNSUBSCRIBED));

  public static final JourneyDefinition POST_PURCHASE =
      new JourneyDefinition(
              "post-purchase",
              "PostPurchase",
              Set.of(EventTypes.ORDER_PLACED),
              Set.of(EventTypes.ORDER_SHIPPED, EventTypes.ORDER_DELIVERED))
          // one enrollment per order: a second order starts its own, shipping events find theirs
          .enrolledPer("orderId");

  /** Every purchase is delivered to the running win-back, which restarts its lapse clock. */
  public static final JourneyDefinition WIN_BACK =
      new JourneyDefinition(
          "win-back", "WinBack", Set.of(EventTypes.ORDER_PLACED), Set.of(EventTypes.UNSUBSCRIBED));

  public static final JourneyDefinition DELIVERY_DELAYED =
      new JourneyDefinition(
          "delivery-delayed",
          "DeliveryDelayed",
          Set.of(EventTypes.DELIVERY_DELAYED),
          Set.of(EventTypes.TICKET_OPENED, EventTypes.TICKET_RESOLVED, EventTypes.ORDER_DELIVERED));

  /** A new ticket while one is being handled is delivered to that enrollment, not a second one. */
  public static final JourneyDefinition SUPPORT_ESCALATION =
      new JourneyDefinition(
          "support-escalation",
          "SupportEscalation",
          Set.of(EventTypes.TICKET_OPENED),
          Set.of(EventTypes.TICKET_RESOLVED));

  /**
   * Started per subscriber by the restock fan-out ({@code BackInStockFanOut}), not by a customer
   * event; its workflow ids carry the product and restock after the customer.
   */
  public static final JourneyDefinition BACK_IN_STOCK =
      new JourneyDefinition("back-in-stock", "BackInStock", Set.of(), Set.of());

  private static final List<JourneyDefinition> ALL =
      List.of(
          ABANDONED_CART,
          WELCOME_SERIES,
          POST_PURCHASE,
          WIN_BACK,
          DELIVERY_DELAYED,
          SUPPORT_ESCALATION,
          BACK_IN_STOCK);

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
