package dev.journeys.catalog;

import dev.journeys.journey.JourneyDefinition;
import dev.journeys.journey.backinstock.BackInStock;
import dev.journeys.journey.cart.AbandonedCart;
import dev.journeys.journey.delivery.DeliveryDelayed;
import dev.journeys.journey.postpurchase.PostPurchase;
import dev.journeys.journey.support.SupportEscalation;
import dev.journeys.journey.welcome.WelcomeSeries;
import dev.journeys.journey.winback.WinBack;
import java.util.List;
import java.util.Optional;

/**
 * Every journey Journeys runs: the one list of their definitions. The API routes incoming events
 * with it; the worker registers each journey's workflows with their settings; the replay test, the
 * history recorder and the template checks walk it. Each journey declares its definition in its own
 * package (e.g. {@link AbandonedCart#DEFINITION}); adding one is one line in {@link #ALL}.
 *
 * <p>It sits outside the SDK package because it is the one place that knows every journey: the
 * journeys depend on the SDK, so the SDK must not depend on them.
 */
public final class JourneyCatalog {

  /** The task queue all journeys and their activities run on. */
  public static final String TASK_QUEUE = JourneyDefinition.TASK_QUEUE;

  /** Every journey, in the order the worker registers them. */
  private static final List<JourneyDefinition> ALL =
      List.of(
          AbandonedCart.DEFINITION,
          WelcomeSeries.DEFINITION,
          PostPurchase.DEFINITION,
          WinBack.DEFINITION,
          DeliveryDelayed.DEFINITION,
          SupportEscalation.DEFINITION,
          BackInStock.DEFINITION);

  // Short names for the built-in journeys, kept for existing callers; a new journey needs none.
  public static final JourneyDefinition ABANDONED_CART = AbandonedCart.DEFINITION;
  public static final JourneyDefinition WELCOME_SERIES = WelcomeSeries.DEFINITION;
  public static final JourneyDefinition POST_PURCHASE = PostPurchase.DEFINITION;
  public static final JourneyDefinition WIN_BACK = WinBack.DEFINITION;
  public static final JourneyDefinition DELIVERY_DELAYED = DeliveryDelayed.DEFINITION;
  public static final JourneyDefinition SUPPORT_ESCALATION = SupportEscalation.DEFINITION;
  public static final JourneyDefinition BACK_IN_STOCK = BackInStock.DEFINITION;

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
    return JourneyDefinition.workflowId(journey, customerId);
  }
}
